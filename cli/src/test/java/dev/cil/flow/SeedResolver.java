package dev.cil.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A resolver with the seed's pods (netpod, webpod1) at test addresses, for tests. */
final class SeedResolver implements EndpointResolver {
    static final String NETPOD_IP = "10.200.0.10", WEBPOD_IP = "10.200.0.20", ROUTER_IP = "10.200.0.1";
    static final int NETPOD_EP = 416, WEBPOD_EP = 905, NETPOD_ID = 39126, WEBPOD_ID = 25054;
    static final List<String> NETPOD_LABELS = List.of("k8s:io.kubernetes.pod.namespace=default", "k8s:app=netpod");
    static final List<String> WEBPOD_LABELS = List.of("k8s:io.kubernetes.pod.namespace=default", "k8s:app=webpod");

    final Map<String, Flow.Endpoint> local = new HashMap<>();
    final Map<String, Integer> ipcache = new HashMap<>();
    final String node;

    SeedResolver(String node) {
        this.node = node;
        local.put(NETPOD_IP, Flow.Endpoint.of(NETPOD_EP, NETPOD_ID, "default", "netpod", NETPOD_LABELS));
        local.put(WEBPOD_IP, Flow.Endpoint.of(WEBPOD_EP, WEBPOD_ID, "default", "webpod1", WEBPOD_LABELS));
        ipcache.put(ROUTER_IP, ReservedIdentity.HOST);
    }

    @Override
    public Optional<Flow.Endpoint> localEndpoint(String ip) { return Optional.ofNullable(local.get(ip)); }

    @Override
    public Optional<Integer> identityOf(String ip) { return Optional.ofNullable(ipcache.get(ip)); }

    @Override
    public String nodeName() { return node; }

    @Override
    public String interfaceName(int ifindex) { return ifindex == 12 ? "lxc1234" : null; }
}
