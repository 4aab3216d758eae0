package dev.cil.cli.support;

import dev.cil.testing.Proc;
import dev.cil.testing.Scratch;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peers the tests compare with: Debian's bpftool 7.1 and bpftool 7.5 (bookworm-backports, unpacked
 * beside it by {@code install.sh --test}; it shows tcx, netkit and {@code orphaned}).
 */
public final class Peers {
    private Peers() { }

    public static final String BPFTOOL = find("CIL_BPFTOOL", "/usr/sbin/bpftool");
    public static final String BPFTOOL_NEW = find("CIL_BPFTOOL_NEW", "/opt/cil-test/bpftool-7.5/usr/sbin/bpftool");

    private static String find(String env, String dflt) {
        String p = System.getenv(env);
        if (p == null || p.isEmpty()) p = dflt;
        if (!Files.isExecutable(Path.of(p))) {
            throw new IllegalStateException("peer " + p + " is missing: run ./install.sh --test (or set " + env + ")");
        }
        return p;
    }

    public static Proc.Result bpftool(String... args) { return run(BPFTOOL, args); }

    public static Proc.Result bpftoolNew(String... args) { return run(BPFTOOL_NEW, args); }

    private static Proc.Result run(String tool, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = tool;
        System.arraycopy(args, 0, cmd, 1, args.length);
        return Proc.run(cmd);
    }
}
