package dev.cil.daemon;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One endpoint as persisted. {@code state} is {@code creating} from the moment its id and address are
 * taken until every piece (netns, veth, addresses, routes, map entries, links) is in place, then
 * {@code ready}; {@code deleting} while it is taken apart. A restart rolls {@code creating} and
 * {@code deleting} endpoints back (the client saw no success) and restores {@code ready} ones.
 *
 * @param kind       {@code pod} or {@code health}
 * @param labels     the security-relevant labels, sorted
 * @param userLabels the labels as given on creation
 * @param ifname     the host-side device in the node namespace ({@code lxc…}, {@code lxc_health})
 * @param netns      the endpoint's network namespace (iproute2 name)
 * @param mac        eth0's MAC in the endpoint namespace
 * @param hostMac    the host-side device's MAC ({@code nodemac} in cilium_lxc)
 * @param ifindex    the host-side device's ifindex in the node namespace
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record EndpointRecord(int id, String kind, String namespace, String name, List<String> labels, List<String> userLabels,
                      long identity, String ipv4, String ifname, String netns, String mac, String hostMac, int ifindex,
                      String state) {
    static final String POD = "pod", HEALTH = "health";
    static final String CREATING = "creating", READY = "ready", DELETING = "deleting";

    boolean isHealth() { return HEALTH.equals(kind); }

    /** The IPAM owner: {@code health} or {@code NAMESPACE/POD}. */
    String owner() { return isHealth() ? "health" : namespace + "/" + name; }

    EndpointRecord withState(String s) {
        return new EndpointRecord(id, kind, namespace, name, labels, userLabels, identity, ipv4, ifname, netns, mac, hostMac,
                ifindex, s);
    }

    EndpointRecord withLink(String mac, String hostMac, int ifindex) {
        return new EndpointRecord(id, kind, namespace, name, labels, userLabels, identity, ipv4, ifname, netns, mac, hostMac,
                ifindex, state);
    }
}
