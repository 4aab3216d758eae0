package dev.cil.flow;

import java.time.Instant;

/**
 * What a client asks of a flow source, as hubble's GetFlowsRequest: the filter, how many flows
 * ({@code number}; {@link #ALL} for every stored flow), whether they are the first or the last ones,
 * whether to follow new flows, and a time window.
 *
 * <p>Semantics (hubble's observer): without {@code follow}, the stored flows that pass the filter
 * and the window, the first or last {@code number} of them (all when {@code number} is 0 or
 * {@link #ALL}). With {@code follow}, the last {@code number} stored ones (none when 0) and then every
 * new flow until the client goes away. Lost-event records are always passed on.
 */
public record FlowRequest(FlowFilter filter, long number, boolean first, boolean follow, Instant since, Instant until) {
    /** {@code number} meaning "every stored flow" (hubble's {@code --all}: MaxUint64). */
    public static final long ALL = -1L;

    /** hubble's default {@code --last} when no selector is given. */
    public static final int DEFAULT_LAST = 20;

    public FlowRequest {
        if (filter == null) filter = FlowFilter.ALL;
    }

    /** True when a time lies inside the window. */
    public boolean inWindow(Instant t) {
        if (since != null && (t == null || t.isBefore(since))) return false;
        if (until != null && (t == null || t.isAfter(until))) return false;
        return true;
    }

    /**
     * hubble observe's selector flags turned into a request, with its conflict errors (one-line
     * IllegalArgumentExceptions): {@code --first} excludes {@code --last}, {@code --all} and
     * {@code --follow}; {@code --last} excludes {@code --all}; {@code --until} is ignored with
     * {@code --follow}; without any of --since, --until, --first, --follow, --all the default is the
     * last 20 (not for a replayed file, which is printed whole).
     *
     * @param first {@code --first N}, 0 when absent
     * @param last {@code --last N}, 0 when absent
     */
    public static FlowRequest fromFlags(FlowFilter filter, long first, long last, boolean all, boolean follow, String since,
                                        String until, boolean replay, Instant now) {
        boolean isFirst = first > 0, isLast = last > 0;
        if (isFirst && isLast) throw new IllegalArgumentException("cannot set both --first and --last");
        if (isFirst && all) throw new IllegalArgumentException("cannot set both --first and --all");
        if (isFirst && follow) throw new IllegalArgumentException("cannot set both --first and --follow");
        if (isLast && all) throw new IllegalArgumentException("cannot set both --last and --all");
        Instant s = null, u = null;
        if (since != null && !since.isEmpty()) {
            try {
                s = GoTime.parseTime(since, now);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("failed to parse the since time: " + e.getMessage());
            }
        }
        if (until != null && !until.isEmpty() && !follow) {
            try {
                u = GoTime.parseTime(until, now);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("failed to parse the until time: " + e.getMessage());
            }
        }
        long number = isFirst ? first : last;
        if (s == null && u == null && !isFirst) {
            if (all) number = ALL;
            else if (last == 0 && !follow && !replay) number = DEFAULT_LAST;
        }
        return new FlowRequest(filter, number, isFirst, follow, s, u);
    }
}
