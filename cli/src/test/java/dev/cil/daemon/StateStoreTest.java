package dev.cil.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateStoreTest {
    static NodeState state(int endpoints) {
        List<EndpointRecord> eps = new java.util.ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            eps.add(new EndpointRecord(100 + i, EndpointRecord.POD, "default", "p" + i, List.of("k8s:app=x"), List.of("k8s:app=x"),
                    256, "10.200.0." + (3 + i), "lxc0000000000" + i, "cil-n_default_p" + i, "aa:bb:cc:dd:ee:0" + i,
                    "aa:bb:cc:dd:ee:f" + i, 5 + i, EndpointRecord.READY));
        }
        return new NodeState(NodeState.VERSION, "n", "10.200.0.0/24", "10.200.0.1", 42, eps);
    }

    @Test
    void savesAtomicallyAndLoadsBack(@TempDir Path dir) throws Exception {
        StateStore s = new StateStore(dir.resolve("n/state.json"));
        assertTrue(s.load().isEmpty());
        s.save(state(3));
        assertEquals(state(3), s.load().orElseThrow());
        s.save(state(1));
        assertEquals(state(1), s.load().orElseThrow());
        try (var files = Files.list(dir.resolve("n"))) {
            assertEquals(List.of("state.json"), files.map(p -> p.getFileName().toString()).toList());   // no temp file left
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("n/state.json"))));
    }

    @Test
    void aDamagedFileIsAClearError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("state.json");
        Files.writeString(f, "{\"version\":1,\"node\":");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new StateStore(f).load());
        assertTrue(e.getMessage().contains("cannot read " + f) && e.getMessage().contains("daemon clean"), e.getMessage());
        Files.writeString(f, "{\"version\":99}");
        assertTrue(assertThrows(UncheckedIOException.class, () -> new StateStore(f).load()).getMessage().contains("version 99"));
    }
}
