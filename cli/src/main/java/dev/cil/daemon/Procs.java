package dev.cil.daemon;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Processes of the machine, by network namespace and by pid file. */
final class Procs {
    private Procs() { }

    /** The inode of a named network namespace ({@code /run/netns/NAME}), or -1. */
    static long netnsInode(String name) {
        try {
            return ((Number) Files.getAttribute(Path.of("/run/netns", name), "unix:ino")).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Pids whose network namespace is {@code inode} (as {@code ip netns pids}); never our own. */
    static List<Long> inNetns(long inode) {
        List<Long> out = new ArrayList<>();
        if (inode < 0) return out;
        String want = "net:[" + inode + "]";
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.isEmpty() || !n.chars().allMatch(Character::isDigit)) continue;
                try {
                    if (Files.readSymbolicLink(p.resolve("ns/net")).toString().equals(want)) {
                        long pid = Long.parseLong(n);
                        if (pid != self) out.add(pid);
                    }
                } catch (IOException | RuntimeException e) {
                    // exited meanwhile, or a kernel thread
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** SIGKILLs every process in the named namespace and waits (up to 5 s) for them to go; returns how many. */
    static int killAllIn(String netns) {
        List<Long> pids = inNetns(netnsInode(netns));
        List<ProcessHandle> hs = new ArrayList<>();
        for (long pid : pids) ProcessHandle.of(pid).ifPresent(h -> {
            h.destroyForcibly();
            hs.add(h);
        });
        for (ProcessHandle h : hs) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // not our child: onExit polls; a zombie of another parent never "exits" for us
            }
        }
        return hs.size();
    }

    /** The pid in a pid file, if the file exists and holds a number. */
    static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code pid} is alive and its command line is a cil daemon for {@code node}. */
    static boolean isDaemonOf(long pid, String node) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            List<String> args = new ArrayList<>();
            int s = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    args.add(new String(b, s, i - s, java.nio.charset.StandardCharsets.UTF_8));
                    s = i + 1;
                }
            }
            int d = args.indexOf("daemon");
            if (d < 0 || d + 1 >= args.size() || !args.get(d + 1).equals("run")) return false;
            for (int i = 0; i + 1 < args.size(); i++) {
                if ((args.get(i).equals("-N") || args.get(i).equals("--node")) && args.get(i + 1).equals(node)) return true;
                if (args.get(i).equals("--node=" + node)) return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the calling process runs as root (effective uid 0). */
    static boolean isRoot() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) return l.split("\\s+")[2].equals("0");
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
