package dev.cil.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * BPF objects on the test classpath, copied to files: the loader fixtures of native-bindings (its
 * test-jar, {@code elf/*.o}), the datapath ({@code bpf/bpf_lxc.o}, {@code bpf/bpf_host.o}) and our own
 * fixtures ({@code bpf/fixture_*.o}).
 */
public final class Objects {
    private Objects() { }

    /** Copies classpath resource {@code res} (e.g. {@code elf/subprog.o}) into {@code dir}; returns the file. */
    public static Path copy(String res, Path dir) {
        try (InputStream in = Objects.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException(res + " is not on the test classpath");
            Path out = dir.resolve(res.substring(res.lastIndexOf('/') + 1));
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
