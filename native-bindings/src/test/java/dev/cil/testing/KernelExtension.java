package dev.cil.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * For tests against the real kernel: requires root and bpffs (with {@code CI=true} their absence fails
 * the run instead of skipping it), hands each test class a {@link Scratch} with unique names that is
 * torn down after the class even when tests fail, and fails the class if it leaked a kernel-object fd
 * (bpf map/prog/link/btf, a netns) — compared on {@code /proc/self/fd} before and after.
 */
public final class KernelExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KernelExtension.class);

    @Override
    public void beforeAll(ExtensionContext ctx) throws Exception {
        requireRoot();
        ctx.getStore(NS).put("fds", kernelFds());
        ctx.getStore(NS).put("scratch", new Scratch(ctx.getRequiredTestClass().getSimpleName()));
    }

    @Override
    public void afterAll(ExtensionContext ctx) throws Exception {
        Scratch s = ctx.getStore(NS).get("scratch", Scratch.class);
        if (s != null) s.close();
        @SuppressWarnings("unchecked")
        Map<String, String> before = ctx.getStore(NS).get("fds", Map.class);
        System.gc();
        Map<String, String> after = kernelFds();
        after.keySet().removeAll(before.keySet());
        if (!after.isEmpty()) throw new AssertionError("kernel-object fds leaked by " + ctx.getDisplayName() + ": " + after);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        return p.getParameter().getType() == Scratch.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        return ctx.getStore(NS).get("scratch", Scratch.class);
    }

    public static void requireRoot() throws IOException {
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[2].equals("0"));
        boolean bpffs = Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.contains(" /sys/fs/bpf bpf "));
        String why = !root ? "kernel tests need root" : !bpffs ? "kernel tests need bpffs mounted at /sys/fs/bpf" : null;
        if (why == null) return;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(why + " (CI=true: failing, not skipping)");
        org.junit.jupiter.api.Assumptions.abort(why);
    }

    /** fd number → target, for fds that refer to kernel objects tests could leak. */
    public static Map<String, String> kernelFds() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try {
                    String t = Files.readSymbolicLink(p).toString();
                    if (t.startsWith("anon_inode:bpf") || t.equals("anon_inode:btf") || t.startsWith("net:[")) {
                        m.put(p.getFileName().toString(), t);
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        return m;
    }
}
