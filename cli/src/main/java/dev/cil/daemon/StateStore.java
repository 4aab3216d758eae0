package dev.cil.daemon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and atomically replaces a node's {@code state.json}. */
final class StateStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    StateStore(Path file) { this.file = file; }

    Path file() { return file; }

    /** The saved state, or empty when there is none. @throws UncheckedIOException if it cannot be read or parsed */
    Optional<NodeState> load() {
        try {
            byte[] b = Files.readAllBytes(file);
            NodeState s = JSON.readValue(b, NodeState.class);
            if (s.version() != NodeState.VERSION) {
                throw new IOException("state version " + s.version() + " (this cil reads version " + NodeState.VERSION + ")");
            }
            return Optional.of(s);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage()
                    + " (remove the node with 'cil daemon clean')", e);
        }
    }

    void save(NodeState s) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
