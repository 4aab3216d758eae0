package dev.cil.daemon;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * What a node's daemon persists ({@code /var/lib/cil/NODE/state.json}): the node's settings and its
 * endpoints. IPAM allocations are derived from it (router address plus each endpoint's address), so
 * the two can never disagree.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record NodeState(int version, String node, String podCidr, String routerIp, int hostEndpointId,
                 List<EndpointRecord> endpoints) {
    static final int VERSION = 1;

    NodeState withEndpoints(List<EndpointRecord> eps) {
        return new NodeState(version, node, podCidr, routerIp, hostEndpointId, List.copyOf(eps));
    }
}
