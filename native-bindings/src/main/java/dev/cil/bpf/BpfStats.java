package dev.cil.bpf;

import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;

/**
 * Run-time statistics of every program ({@code run_time_ns}, {@code run_cnt} in {@link ProgramInfo}),
 * on while the returned handle is open (BPF_ENABLE_STATS, BPF_STATS_RUN_TIME), like
 * {@code kernel.bpf_stats_enabled=1} without changing the sysctl.
 */
public final class BpfStats implements AutoCloseable {
    private final Fd fd;

    private BpfStats(Fd fd) { this.fd = fd; }

    public static BpfStats enable() {
        return new BpfStats(new Fd(BpfCalls.enableStats(0), "bpf stats"));
    }

    @Override public void close() { fd.close(); }
}
