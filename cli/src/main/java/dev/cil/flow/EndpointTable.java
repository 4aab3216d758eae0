package dev.cil.flow;

import dev.cil.api.Endpoint;
import dev.cil.api.Identity;
import dev.cil.api.IpListEntry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An immutable {@link EndpointResolver} built from what the daemon's API serves: its endpoints
 * ({@code GET /v1/endpoint}), its ipcache ({@code GET /v1/ip}) and its identities
 * ({@code GET /v1/identity}). Lookups are plain hash-map reads (plus a longest-prefix scan for
 * addresses that no /32 entry names), so the flow pump can use one without locks; the daemon builds
 * a new table when its endpoints or identities change and publishes it, e.g.
 *
 * <pre>{@code
 * AtomicReference<EndpointTable> table = new AtomicReference<>(EndpointTable.of(node, endpoints, ipcache, identities));
 * FlowBuilder builder = new FlowBuilder(EndpointTable.via(table::get));
 * ... on every endpoint or identity change: table.set(EndpointTable.of(node, endpoints, ipcache, identities));
 * }</pre>
 */
public final class EndpointTable implements EndpointResolver {
    private final String node;
    private final Map<String, Flow.Endpoint> local = new HashMap<>();
    private final Map<String, Integer> hosts = new HashMap<>();
    private final Map<String, PodName> pods = new HashMap<>();
    private final List<Prefix> prefixes = new ArrayList<>();
    private final Map<Integer, List<String>> labels = new HashMap<>();
    private final Map<Integer, String> interfaces = new HashMap<>();

    private record Prefix(int network, int bits, int identity) { }

    private EndpointTable(String node) { this.node = node; }

    /**
     * The table for node {@code node}. Endpoints without an address (the host endpoint) only lend
     * their interface; ipcache entries that are not IPv4 CIDRs are ignored; {@code null} lists are empty.
     */
    public static EndpointTable of(String node, Collection<Endpoint> endpoints, Collection<IpListEntry> ipcache,
                                   Collection<Identity> identities) {
        EndpointTable t = new EndpointTable(node);
        if (identities != null) {
            for (Identity i : identities) if (i.labels() != null) t.labels.put((int) i.id(), List.copyOf(i.labels()));
        }
        if (ipcache != null) {
            for (IpListEntry e : ipcache) t.addIpcache(e);
        }
        t.prefixes.sort(Comparator.comparingInt(Prefix::bits).reversed());
        if (endpoints != null) {
            for (Endpoint e : endpoints) t.addEndpoint(e);
        }
        return t;
    }

    private void addIpcache(IpListEntry e) {
        if (e.cidr() == null) return;
        String cidr = e.cidr();
        int slash = cidr.indexOf('/');
        String ip = slash < 0 ? cidr : cidr.substring(0, slash);
        int bits;
        int network;
        try {
            bits = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
            network = Net.parseIpv4(ip);
        } catch (IllegalArgumentException ex) {
            return;   // IPv6 or malformed: cil's datapath is IPv4 only
        }
        if (bits < 0 || bits > 32) return;
        int identity = (int) e.identity();
        if (bits == 32) {
            hosts.put(ip, identity);
            if (e.metadata() != null && e.metadata().name() != null && !e.metadata().name().isEmpty()) {
                pods.put(ip, new PodName(e.metadata().namespace(), e.metadata().name()));
            }
        } else {
            prefixes.add(new Prefix(network & mask(bits), bits, identity));
        }
    }

    private void addEndpoint(Endpoint e) {
        Endpoint.Status s = e.status();
        if (s == null) return;
        if (s.networking() != null && s.networking().interfaceIndex() > 0 && s.networking().interfaceName() != null) {
            interfaces.put((int) s.networking().interfaceIndex(), s.networking().interfaceName());
        }
        String ip = e.ipv4();
        if (ip == null) return;
        int identity = s.identity() == null ? hosts.getOrDefault(ip, 0) : (int) s.identity().id();
        List<String> l = s.identity() != null && s.identity().labels() != null ? s.identity().labels()
                : s.labels() != null && s.labels().securityRelevant() != null ? s.labels().securityRelevant()
                : labelsOf(identity);
        String ns = null, pod = null;
        if (s.externalIdentifiers() != null) {
            ns = blankToNull(s.externalIdentifiers().k8sNamespace());
            pod = blankToNull(s.externalIdentifiers().k8sPodName());
        }
        local.put(ip, new Flow.Endpoint((int) e.id(), identity, null, ns, l, pod, null));
    }

    /** A resolver that asks whatever table {@code current} gives at each lookup (the daemon's live view). */
    public static EndpointResolver via(Supplier<EndpointTable> current) {
        return new EndpointResolver() {
            @Override public Optional<Flow.Endpoint> localEndpoint(String ip) { return current.get().localEndpoint(ip); }

            @Override public Optional<Integer> identityOf(String ip) { return current.get().identityOf(ip); }

            @Override public Optional<PodName> podOf(String ip) { return current.get().podOf(ip); }

            @Override public List<String> labelsOf(int identity) { return current.get().labelsOf(identity); }

            @Override public String nodeName() { return current.get().nodeName(); }

            @Override public List<String> nodeLabels() { return current.get().nodeLabels(); }

            @Override public String interfaceName(int ifindex) { return current.get().interfaceName(ifindex); }
        };
    }

    private static String blankToNull(String s) { return s == null || s.isEmpty() ? null : s; }

    private static int mask(int bits) { return bits == 0 ? 0 : -1 << (32 - bits); }

    @Override
    public Optional<Flow.Endpoint> localEndpoint(String ip) { return Optional.ofNullable(local.get(ip)); }

    @Override
    public Optional<Integer> identityOf(String ip) {
        Integer id = hosts.get(ip);
        if (id != null) return Optional.of(id);
        if (prefixes.isEmpty()) return Optional.empty();
        int a;
        try {
            a = Net.parseIpv4(ip);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (Prefix p : prefixes) if ((a & mask(p.bits())) == p.network()) return Optional.of(p.identity());
        return Optional.empty();
    }

    @Override
    public Optional<PodName> podOf(String ip) { return Optional.ofNullable(pods.get(ip)); }

    @Override
    public List<String> labelsOf(int identity) {
        List<String> l = labels.get(identity);
        return l != null ? l : ReservedIdentity.labels(identity);
    }

    @Override
    public String nodeName() { return node; }

    @Override
    public String interfaceName(int ifindex) { return interfaces.get(ifindex); }
}
