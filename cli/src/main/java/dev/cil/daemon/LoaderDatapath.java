package dev.cil.daemon;

import dev.cil.api.NodePaths;
import dev.cil.bpf.BpfCollection;
import dev.cil.bpf.LoadOptions;
import dev.cil.elf.CollectionSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The datapath loaded by cil's own ELF/BTF loader: {@code bpf/bpf_lxc.o} and {@code bpf/bpf_host.o}
 * from the classpath (the bpf-programs jar). Maps are pinned by name under the node's pin directory
 * (the second object reuses the first one's pins, so both share one instance of each map); the
 * programs the daemon attaches are pinned under {@code progs/}, so a restarted daemon re-opens them
 * instead of reloading. The tail-call programs stay reachable through the pinned {@code cilium_calls_00}.
 */
final class LoaderDatapath extends TcxDatapath {
    /** Object → the programs of it the daemon attaches. */
    private static final Map<String, List<String>> OBJECTS = Map.of(
            "bpf_lxc.o", List.of(FROM_CONTAINER, TO_CONTAINER),
            "bpf_host.o", List.of(TO_HOST, FROM_HOST));

    LoaderDatapath(NodePaths paths) { super(paths); }

    @Override
    protected void load() {
        for (String object : List.of("bpf_lxc.o", "bpf_host.o")) {
            CollectionSpec spec = CollectionSpec.parse(resource("bpf/" + object), object.substring(0, object.indexOf('.')));
            try (BpfCollection c = BpfCollection.load(spec, new LoadOptions(paths.pinDir().toString()))) {
                for (String program : OBJECTS.get(object)) c.program(program).pin(programPin(program).toString());
            } catch (RuntimeException e) {
                throw new DatapathUnavailableException("loading " + object + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = LoaderDatapath.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new DatapathUnavailableException(name + " is not on the classpath (the bpf-programs jar)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
