package dev.cil.cli.command;

import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.Peers;
import dev.cil.testing.Proc;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link ProgDumpKernelIT} in a private mount namespace with a fresh bpffs (the datapath
 * objects pin their maps by name under /sys/fs/bpf, which must not touch the machine's): loads the
 * project's datapath (bpf_lxc.o, bpf_host.o) with bpftool and compares {@code cil prog dump xlated}
 * of every program with bpftool 7.5, text and JSON, plain and with opcodes and linum, and visual
 * where bpftool does not crash. Prints one line per comparison; exits 1 if any differs.
 */
public final class ProgDumpDatapathCheck {
    private ProgDumpDatapathCheck() { }

    public static void main(String[] args) throws Exception {
        Proc.run("mount", "-t", "bpf", "bpf", "/sys/fs/bpf").ok();
        Path dir = Files.createTempDirectory("cil-dp");
        int fails;
        try {
            fails = check(dir);
        } finally {
            Proc.run("rm", "-rf", dir.toString());
        }
        System.exit(fails == 0 ? 0 : 1);
    }

    private static int check(Path dir) throws Exception {
        Path pins = Path.of("/sys/fs/bpf/progs");
        Files.createDirectories(pins);
        for (String obj : List.of("bpf_lxc.o", "bpf_host.o")) {
            Path o = dir.resolve(obj);
            try (InputStream in = ProgDumpDatapathCheck.class.getClassLoader().getResourceAsStream("bpf/" + obj)) {
                if (in == null) throw new IllegalStateException("bpf/" + obj + " is not on the class path");
                Files.copy(in, o);
            }
            Peers.bpftool("prog", "loadall", o.toString(), pins.toString()).ok();
        }
        int fails = 0;
        List<Path> progs = new ArrayList<>();
        try (var s = Files.list(pins)) {
            s.sorted().forEach(progs::add);
        }
        for (Path p : progs) {
            for (String[] opts : List.of(new String[0], new String[] {"opcodes", "linum"})) {
                String[] a = ProgDumpKernelIT.args(p.toString(), opts);
                fails += report(p, "text " + String.join(" ", opts), Peers.bpftoolNew(a).ok().out().equals(Cil.run(a).ok().out()));
                String[] j = ProgDumpKernelIT.json(a);
                fails += report(p, "json " + String.join(" ", opts),
                        Json.parse(Peers.bpftoolNew(j).ok().out()).equals(Json.parse(Cil.run(j).ok().out())));
            }
            String[] v = ProgDumpKernelIT.args(p.toString(), "visual", "opcodes", "linum");
            Proc.Result peer = Proc.run(cmd(v));
            String ours = Cil.run(v).ok().out();
            if (peer.code() == 0) fails += report(p, "visual", peer.out().equals(ours));
            else fails += report(p, "visual (bpftool crashed with " + peer.code() + ", its output is our prefix)", ours.startsWith(peer.out()));
        }
        System.out.println(progs.size() + " programs");
        return fails;
    }

    private static String[] cmd(String[] a) {
        String[] c = new String[a.length + 3];
        c[0] = "stdbuf";
        c[1] = "-oL";
        c[2] = Peers.BPFTOOL_NEW;
        System.arraycopy(a, 0, c, 3, a.length);
        return c;
    }

    private static int report(Path p, String what, boolean same) {
        System.out.println((same ? "same " : "DIFF ") + p.getFileName() + " " + what);
        return same ? 0 : 1;
    }
}
