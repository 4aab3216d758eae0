package dev.cil.flow;

import java.io.IOException;

/**
 * A source of flows, hubble's Observer service as cil's client side sees it. Implementations: the
 * daemon's store in-process ({@link FlowStore#observer()}), a replayed file ({@link ReplayObserver}),
 * and the daemon's HTTP API, {@code GET /v1/flows} (docs/flows-api.md; the command's
 * {@code DaemonFlowsClient}).
 */
public interface ObserverClient extends AutoCloseable {
    /**
     * Starts a query. Errors that concern the request (a filter the source refuses) are
     * IllegalArgumentExceptions; failures to reach the source are IOExceptions.
     */
    FlowStream getFlows(FlowRequest request) throws IOException;

    @Override
    default void close() { }
}
