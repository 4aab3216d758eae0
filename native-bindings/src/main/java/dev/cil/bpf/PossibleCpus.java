package dev.cil.bpf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The number of possible CPUs ({@code /sys/devices/system/cpu/possible}), which sizes per-CPU values. */
public final class PossibleCpus {
    private static volatile int count = -1;

    private PossibleCpus() { }

    public static int count() {
        int c = count;
        if (c < 0) count = c = read();
        return c;
    }

    static int parse(String s) {
        int max = -1;
        for (String part : s.trim().split(",")) {
            if (part.isEmpty()) continue;
            int dash = part.indexOf('-');
            int hi = Integer.parseInt(dash < 0 ? part : part.substring(dash + 1));
            max = Math.max(max, hi);
        }
        return max + 1;
    }

    private static int read() {
        try {
            return parse(Files.readString(Path.of("/sys/devices/system/cpu/possible")));
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
