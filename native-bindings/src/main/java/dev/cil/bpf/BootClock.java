package dev.cil.bpf;

import dev.cil.internal.sys.Sys;

/** Converts the kernel's boot-time nanoseconds ({@code load_time}) to wall-clock seconds, as bpftool does. */
public final class BootClock {
    private BootClock() { }

    /**
     * bpftool's formula: {@code (real.sec - boot.sec) + (real.nsec - boot.nsec + ns) / 1e9}, in
     * unsigned 64-bit arithmetic, with both clocks read now.
     */
    public static long wallClockSeconds(long bootNanos) {
        long[] real = Sys.get().clockGettime(Sys.CLOCK_REALTIME);
        long[] boot = Sys.get().clockGettime(Sys.CLOCK_BOOTTIME);
        return (real[0] - boot[0]) + Long.divideUnsigned(real[1] - boot[1] + bootNanos, 1_000_000_000L);
    }
}
