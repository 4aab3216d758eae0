package dev.cil.flow;

import java.time.Instant;

/**
 * One item of a flow stream, as hubble's GetFlowsResponse: a flow, or a count of lost events, with
 * the node it comes from and its time. The JSON form is one line of {@code cil observe -o json}.
 */
public sealed interface FlowsResponse permits FlowsResponse.OfFlow, FlowsResponse.OfLostEvents {
    String nodeName();

    Instant time();

    /** A flow. {@code time} is the flow's own time. */
    record OfFlow(Flow flow, String nodeName, Instant time) implements FlowsResponse {
        public static OfFlow of(Flow f) { return new OfFlow(f, f.nodeName(), f.time()); }
    }

    /** Events that were lost before they became flows (see {@link LostEvents}). */
    record OfLostEvents(LostEvents lost, String nodeName, Instant time) implements FlowsResponse { }

    /**
     * hubble's LostEvent: {@code source} is a {@link ProtoEnum#LOST_EVENT_SOURCE} number
     * (PERF_EVENT_RING_BUFFER for the datapath's ring buffer, HUBBLE_RING_BUFFER for a reader that fell
     * behind), {@code cpu} may be null, {@code first}/{@code last} bound the lost events' times when known.
     */
    record LostEvents(int source, long numEventsLost, Integer cpu, Instant first, Instant last) { }
}
