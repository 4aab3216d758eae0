package dev.cil.daemon;

import dev.cil.api.NodePaths;
import dev.cil.netlink.Address;
import dev.cil.netlink.IpPrefix;
import dev.cil.netlink.Link;
import dev.cil.netlink.NetlinkException;
import dev.cil.netlink.Route;
import dev.cil.netlink.Rtnl;
import dev.cil.netns.NetNs;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The node's and its endpoints' network plumbing, all inside namespaces the daemon creates (the root
 * namespace is never touched): the node namespace {@code cil-NODE} with {@code cilium_host}/{@code cilium_net}
 * and the router address, and per endpoint a namespace with {@code eth0} (a /32, MTU, a link route to the
 * router and a default route via it) wired by a veth to a host-side device ({@code lxc…}) that has a /32
 * route to the endpoint. Every operation is idempotent: it creates what is missing and keeps what is
 * right, which is how a restart repairs an endpoint.
 */
final class NodeNetwork implements AutoCloseable {
    static final String HOST_DEV = "cilium_host", NET_DEV = "cilium_net", HEALTH_DEV = "lxc_health", POD_DEV = "eth0";
    static final int MTU = 1500;
    private static final int ENODEV = 19, EEXIST = 17;

    /** What {@link #wire} found or made: the host-side ifindex and MAC, and eth0's MAC. */
    record Wired(int ifindex, String hostMac, String mac) { }

    private final NodePaths paths;
    private final DaemonLog log;
    private NetNs nodeNs;
    private Rtnl rtnl;

    NodeNetwork(NodePaths paths, DaemonLog log) {
        this.paths = paths;
        this.log = log;
    }

    NetNs nodeNs() { return nodeNs; }

    /** The host-side device name of a pod: Cilium's {@code lxc} + 11 hex digits (of SHA-256 of node/namespace/pod). */
    static String lxcName(String node, String namespace, String pod) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((node + "/" + namespace + "/" + pod).getBytes(StandardCharsets.UTF_8));
            return "lxc" + HexFormat.of().formatHex(d).substring(0, 11);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates (or re-opens) the node namespace and its {@code cilium_host}/{@code cilium_net} pair with the router address. */
    void ensureNode(Inet4Address router) throws IOException {
        String name = paths.netns();
        if (nodeNs != null && NetNs.exists(name)) {
            try (NetNs current = NetNs.open(name)) {
                if (!current.sameAs(nodeNs)) close();   // deleted and re-made behind our back: start over
            }
        } else if (nodeNs != null) {
            close();   // deleted behind our back: our handle still holds the old one
        }
        if (nodeNs != null) {
            // the same namespace as before
        } else if (NetNs.exists(name)) {
            nodeNs = NetNs.open(name);
        } else {
            nodeNs = NetNs.create(name);
            log.info("created network namespace " + name);
        }
        if (rtnl == null) rtnl = Rtnl.open(nodeNs);
        sysctl(nodeNs, "net/ipv4/ip_forward", "0");   // the datapath forwards, not the kernel
        disableIpv6(nodeNs);
        rtnl.setUp("lo");
        if (rtnl.findLink(HOST_DEV).isEmpty()) {
            if (rtnl.findLink(NET_DEV).isPresent()) rtnl.deleteLink(NET_DEV);
            rtnl.createVeth(HOST_DEV, NET_DEV);
            log.info("created " + HOST_DEV + "/" + NET_DEV + " in " + name);
        }
        int host = rtnl.ifindex(HOST_DEV);
        ensureAddress(rtnl, host, router);
        rtnl.setUp(HOST_DEV);
        rtnl.setUp(NET_DEV);
    }

    int hostIfindex() { return rtnl.ifindex(HOST_DEV); }

    Link hostLink() { return rtnl.link(HOST_DEV); }

    /**
     * Makes an endpoint's plumbing complete: its namespace, the veth pair (re-created unless both ends
     * exist and are each other's peer), eth0's address, MTU and routes, the host side's MTU and /32 route.
     */
    Wired wire(EndpointRecord ep, Inet4Address router) throws IOException {
        Inet4Address ip = Ipam.parse(ep.ipv4());
        long t0 = System.nanoTime();
        NetNs podNs = NetNs.exists(ep.netns()) ? NetNs.open(ep.netns()) : NetNs.create(ep.netns());
        CrashPoints.reached("create.netns");
        long t1 = System.nanoTime();
        try (podNs; Rtnl prtnl = Rtnl.open(podNs)) {
            long t2 = System.nanoTime();
            disableIpv6(podNs);
            long t3 = System.nanoTime();
            log.debug("netns " + (t1 - t0) / 1000 + " us, rtnl " + (t2 - t1) / 1000 + " us, sysctl " + (t3 - t2) / 1000 + " us");
            prtnl.setUp("lo");
            Optional<Link> host = rtnl.findLink(ep.ifname());
            Optional<Link> eth0 = prtnl.findLink(POD_DEV);
            boolean paired = host.isPresent() && eth0.isPresent()
                    && host.get().link().orElse(-1) == eth0.get().ifindex() && eth0.get().link().orElse(-1) == host.get().ifindex();
            if (!paired) {
                if (host.isPresent()) deleteQuietly(rtnl, ep.ifname());
                if (eth0.isPresent()) deleteQuietly(prtnl, POD_DEV);
                rtnl.createVeth(ep.ifname(), POD_DEV, podNs);
            }
            CrashPoints.reached("create.veth");
            int podIndex = prtnl.ifindex(POD_DEV);
            prtnl.setMtu(POD_DEV, MTU);
            ensureAddress(prtnl, podIndex, ip);
            prtnl.setUp(POD_DEV);
            prtnl.replaceRoute(Route.to(new IpPrefix(router, 32)).dev(podIndex).withScope(Route.SCOPE_LINK));
            prtnl.replaceRoute(Route.to("default").via(router).dev(podIndex));
            rtnl.setMtu(ep.ifname(), MTU);
            rtnl.setUp(ep.ifname());
            Link h = rtnl.link(ep.ifname());
            rtnl.replaceRoute(Route.to(new IpPrefix(ip, 32)).dev(h.ifindex()).withScope(Route.SCOPE_LINK));
            String mac = prtnl.link(POD_DEV).mac().orElseThrow();
            return new Wired(h.ifindex(), h.mac().orElseThrow(), mac);
        }
    }

    /**
     * Whether the endpoint's plumbing looks complete, from the node side only (cheap enough for a
     * periodic check): its namespace exists and its host-side device is up, has the recorded ifindex
     * and still has a peer in another namespace (a veth dies with either end).
     */
    boolean complete(EndpointRecord ep) {
        if (!NetNs.exists(ep.netns())) return false;
        Optional<Link> host = rtnl.findLink(ep.ifname());
        return host.isPresent() && host.get().isUp() && host.get().ifindex() == ep.ifindex() && host.get().linkNetnsId().isPresent();
    }

    /** Removes an endpoint's plumbing: the veth (and with it the /32 route), its processes and its namespace. */
    void unwire(String ifname, String netns) {
        if (ifname != null && rtnl.findLink(ifname).isPresent()) deleteQuietly(rtnl, ifname);
        if (netns != null && NetNs.exists(netns)) {
            int killed = Procs.killAllIn(netns);
            if (killed > 0) log.info("killed " + killed + " process(es) in " + netns);
            NetNs.delete(netns);
        }
    }

    /** Host-side endpoint devices in the node namespace ({@code lxc*}). */
    TreeSet<String> endpointDevices() {
        TreeSet<String> out = new TreeSet<>();
        for (Link l : rtnl.links()) if (l.name().startsWith("lxc")) out.add(l.name());
        return out;
    }

    /** The node's endpoint namespaces that exist ({@code cil-NODE_*}). */
    List<String> endpointNamespaces() {
        List<String> out = new ArrayList<>();
        for (String n : NetNs.list()) if (n.startsWith(paths.endpointNetnsPrefix())) out.add(n);
        return out;
    }

    void deleteDevice(String name) { deleteQuietly(rtnl, name); }

    private static void deleteQuietly(Rtnl r, String name) {
        try {
            r.deleteLink(name);
        } catch (NetlinkException e) {
            if (e.errnoNumber() != ENODEV) throw e;   // gone with its peer
        }
    }

    private static void ensureAddress(Rtnl r, int ifindex, Inet4Address ip) {
        for (Address a : r.addresses()) {
            if (a.ifindex() == ifindex && a.prefixLen() == 32 && a.local().map(ip::equals).orElse(false)) return;
        }
        try {
            r.addAddress(ifindex, ip, 32);
        } catch (NetlinkException e) {
            if (e.errnoNumber() != EEXIST) throw e;
        }
    }

    private static void disableIpv6(NetNs ns) throws IOException {
        // pods have no IPv6 (the datapath drops it, 139): no link-local addresses, no router solicitations
        sysctl(ns, "net/ipv6/conf/all/disable_ipv6", "1");
        sysctl(ns, "net/ipv6/conf/default/disable_ipv6", "1");
    }

    /** Writes a per-namespace sysctl: /proc/sys/net resolves to the namespace of the thread that opens it. */
    static void sysctl(NetNs ns, String key, String value) throws IOException {
        ns.run(() -> {
            Path p = Path.of("/proc/sys", key);
            if (Files.exists(p)) Files.writeString(p, value);
            return null;
        });
    }

    @Override
    public void close() {
        if (rtnl != null) rtnl.close();
        if (nodeNs != null) nodeNs.close();
        rtnl = null;
        nodeNs = null;
    }
}
