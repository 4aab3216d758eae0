package dev.cil.flow;

import java.time.Instant;

/**
 * Converts the datapath's event times ({@code bpf_ktime_get_ns()}, CLOCK_MONOTONIC, the clock of
 * {@link System#nanoTime()} on Linux) to wall-clock instants.
 */
@FunctionalInterface
public interface MonotonicClock {
    Instant toInstant(long monotonicNanos);

    /**
     * The machine's clocks: wall time minus monotonic time, measured now and re-measured every
     * second (so a wall-clock step is followed within a second).
     */
    static MonotonicClock system() {
        return new MonotonicClock() {
            private volatile long offset = measure();
            private volatile long measuredAt = System.nanoTime();

            private long measure() {
                Instant now = Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
            }

            @Override
            public Instant toInstant(long mono) {
                long n = System.nanoTime();
                if (n - measuredAt > 1_000_000_000L) {
                    offset = measure();
                    measuredAt = n;
                }
                long epochNanos = mono + offset;
                return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
            }
        };
    }

    /** A fixed offset: {@code epochNanos = monotonic + offset} (tests, replays). */
    static MonotonicClock fixed(long offsetNanos) {
        return mono -> {
            long e = mono + offsetNanos;
            return Instant.ofEpochSecond(Math.floorDiv(e, 1_000_000_000L), Math.floorMod(e, 1_000_000_000L));
        };
    }
}
