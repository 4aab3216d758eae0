package dev.cil.flow;

import java.util.List;
import java.util.Optional;

/**
 * What the daemon knows about addresses and identities, as hubble's getters give it to its
 * parser: local endpoints by IP (id, identity, namespace, pod, labels), the identity of any IP
 * (ipcache), pod names of non-local IPs, labels of identities, the node's name, interface names.
 * {@link FlowBuilder} asks through this interface; the daemon implements it over its tables.
 * Implementations must be fast and thread-safe (called once or twice per event).
 */
public interface EndpointResolver {
    /** A local endpoint (pod or host endpoint) with this address. {@code ip} is netip text ({@code 10.0.0.1}). */
    Optional<Flow.Endpoint> localEndpoint(String ip);

    /** The security identity the ipcache gives this address, if any. */
    default Optional<Integer> identityOf(String ip) { return Optional.empty(); }

    /** Namespace and pod name of a non-local address, if known (remote pods). */
    default Optional<PodName> podOf(String ip) { return Optional.empty(); }

    /** The labels of an identity (its cilium-dbg {@code identity list} labels); reserved ones by default. */
    default List<String> labelsOf(int identity) { return ReservedIdentity.labels(identity); }

    /** This node's name (the flow's {@code node_name}). */
    String nodeName();

    /** This node's labels ({@code node_labels}); none by default. */
    default List<String> nodeLabels() { return List.of(); }

    /** The name of a network interface on this node, or null. */
    default String interfaceName(int ifindex) { return null; }

    /** A pod's namespace and name. */
    record PodName(String namespace, String name) { }

    /** A resolver that knows nothing but the node's name (every endpoint is identity-only). */
    static EndpointResolver nodeOnly(String nodeName) {
        return new EndpointResolver() {
            @Override public Optional<Flow.Endpoint> localEndpoint(String ip) { return Optional.empty(); }

            @Override public String nodeName() { return nodeName; }
        };
    }
}
