package dev.cil.flow;

import dev.cil.testing.Proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The two-pod topology of {@code src/test/sh/observe-pods.sh}, up while this object is open: the
 * script waits on its stdin, and closing it removes everything (namespaces, veths, the private
 * bpffs). The datapath objects come from the cil-bpf-programs jar on the classpath.
 */
final class PodsTopology implements AutoCloseable {
    final Map<String, String> values = new HashMap<>();
    private final Process process;
    private final Path objDir;
    private final String prefix;

    PodsTopology(String prefix) throws IOException, InterruptedException {
        this.prefix = prefix;
        objDir = Files.createTempDirectory(prefix + "-obj");
        for (String o : List.of("bpf_lxc.o")) {
            try (InputStream in = PodsTopology.class.getClassLoader().getResourceAsStream("bpf/" + o)) {
                if (in == null) throw new IllegalStateException("bpf/" + o + " is not on the classpath (cil-bpf-programs)");
                Files.copy(in, objDir.resolve(o), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path script = Path.of("src/test/sh/observe-pods.sh").toAbsolutePath();
        process = new ProcessBuilder("bash", script.toString(), prefix, objDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) break;
            int eq = line.indexOf('=');
            if (eq > 0) values.put(line.substring(0, eq), line.substring(eq + 1));
            if (System.nanoTime() > deadline) break;
        }
        if (!"READY".equals(line)) {
            close();
            throw new IllegalStateException("observe-pods.sh did not get ready (exit " + (process.isAlive() ? "-" : process.exitValue())
                    + "); values so far: " + values);
        }
    }

    String get(String key) {
        String v = values.get(key);
        if (v == null) throw new IllegalStateException("observe-pods.sh printed no " + key + ": " + values);
        return v;
    }

    int id(String key) { return Integer.parseInt(get(key)); }

    /** Runs a command in pod A's or B's namespace ({@code ip netns exec}). */
    Proc.Result inPod(String nsKey, String... cmd) {
        String[] full = new String[cmd.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = get(nsKey);
        System.arraycopy(cmd, 0, full, 4, cmd.length);
        return Proc.run(full);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (String ns : List.of(prefix + "-a", prefix + "-b", prefix + "-node")) {
            if (Files.exists(Path.of("/run/netns", ns))) Proc.run("ip", "netns", "del", ns); // the script's trap did not run
        }
        try (var s = Files.walk(objDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
