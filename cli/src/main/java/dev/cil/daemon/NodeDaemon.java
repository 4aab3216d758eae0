package dev.cil.daemon;

import dev.cil.api.BpfMapList;
import dev.cil.api.BpfMapModel;
import dev.cil.api.DaemonConfiguration;
import dev.cil.api.Endpoint;
import dev.cil.api.EndpointChangeRequest;
import dev.cil.api.Identity;
import dev.cil.api.IpListEntry;
import dev.cil.api.NodePaths;
import dev.cil.api.StatusResponse;
import dev.cil.api.maps.IpcacheMap;
import dev.cil.api.maps.LxcMap;
import dev.cil.api.maps.NodeConfigMap;
import dev.cil.bpf.BpfMap;
import dev.cil.netns.NetNs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One node's daemon: its state (endpoints, IPAM, identities), its network plumbing and its datapath
 * maps, kept consistent with each other. Every change holds one lock and is persisted before and after
 * it touches the kernel, so a crash at any point leaves a state that the next start can finish or roll
 * back: {@code ready} endpoints are restored (missing pieces recreated, nothing that works is
 * disturbed), {@code creating}/{@code deleting} ones are taken apart, and anything of the node that no
 * endpoint owns (namespaces, devices, links, map entries) is removed.
 */
final class NodeDaemon implements AutoCloseable {
    static final String DEFAULT_POD_CIDR = "10.200.0.0/24";
    /** ipcache source of the node's own endpoints. */
    static final String SOURCE_LOCAL = "local";
    static final Duration SYNC_PERIOD = Duration.ofSeconds(10);

    private final NodePaths paths;
    private final DaemonLog log;
    private final StateStore store;
    private final IdentityStore identities;
    private final String version;
    private final Object lock = new Object();

    private NodeState state;
    private Ipam ipam;
    private Inet4Address router;
    private final Set<Integer> restored = new HashSet<>();
    private final Map<Integer, String> notReady = new HashMap<>();
    private NodeNetwork net;
    private Datapath dp;
    private Datapath.Origin origin;
    private BpfMap lxcMap, ipcacheMap, nodeCfgMap;
    private MapCache lxc, ipcache;
    private final Controllers controllers;
    private Instant startedAt;
    private volatile FlowService flows;

    NodeDaemon(NodePaths paths, DaemonLog log, IdentityStore identities) {
        this.paths = paths;
        this.log = log;
        this.store = new StateStore(paths.stateFile());
        this.identities = identities;
        String v = NodeDaemon.class.getPackage().getImplementationVersion();
        this.version = v == null ? "0.1.0-dev" : v;
        this.controllers = new Controllers(log);
    }

    NodePaths paths() { return paths; }

    // ---------------------------------------------------------------- start and restore

    /** Creates or restores the node; returns when every endpoint is restored and the maps are in sync. */
    void start(String podCidrOption) throws IOException {
        startedAt = Instant.now();
        synchronized (lock) {
            dp = Datapaths.create(paths);   // first: a missing implementation fails before anything is made
            Optional<NodeState> saved = store.load();
            if (saved.isPresent()) {
                state = saved.get();
                if (!paths.node().equals(state.node())) {
                    throw new DaemonMain.Failure(store.file() + " belongs to node " + state.node() + ", not " + paths.node(), false);
                }
                if (podCidrOption != null && !new Ipam(podCidrOption).cidr().equals(state.podCidr())) {
                    throw new DaemonMain.Failure("node " + paths.node() + " has pod CIDR " + state.podCidr() + " (" + store.file()
                            + "); 'cil daemon clean -N " + paths.node() + "' removes the node to start over with " + podCidrOption, false);
                }
                log.info("restoring node " + paths.node() + ": " + state.endpoints().size() + " endpoint(s) in " + store.file());
            } else {
                Ipam fresh = new Ipam(podCidrOption != null ? podCidrOption : DEFAULT_POD_CIDR);
                Inet4Address r = fresh.allocateNext("router");
                state = new NodeState(NodeState.VERSION, paths.node(), fresh.cidr(), r.getHostAddress(),
                        newEndpointId(Set.of()), List.of());
                store.save(state);
                log.info("new node " + paths.node() + ": pod CIDR " + fresh.cidr() + ", router " + r.getHostAddress());
            }
            ipam = new Ipam(state.podCidr());
            router = Ipam.parse(state.routerIp());
            ipam.allocate(router, "router");

            net = new NodeNetwork(paths, log);
            net.ensureNode(router);
            origin = dp.open();
            log.info("datapath " + (origin == Datapath.Origin.RESTORED ? "re-opened from pins" : "loaded") + " under " + paths.pinDir());
            dp.attachHost(net.nodeNs(), NodeNetwork.HOST_DEV, net.hostIfindex());
            lxcMap = dp.map(LxcMap.NAME);
            ipcacheMap = dp.map(IpcacheMap.NAME);
            nodeCfgMap = dp.map(NodeConfigMap.NAME);
            lxc = new MapCache(LxcMap.NAME, lxcMap, k -> LxcMap.Key.decode(k).toString(), v -> LxcMap.Info.decode(v).toString());
            ipcache = new MapCache(IpcacheMap.NAME, ipcacheMap, k -> IpcacheMap.Key.decode(k).toString(),
                    v -> IpcacheMap.Value.decode(v).toString());
            writeNodeConfig();
            lxc.put(LxcMap.Key.of(router).encode(), LxcMap.Info.host().encode());
            ipcache.put(IpcacheMap.Key.of(router, 32).encode(), IpcacheMap.Value.local(ReservedIdentities.HOST).encode());
            ipcache.put(IpcacheMap.Key.of(IpcacheMap.zero(), 0).encode(), IpcacheMap.Value.local(ReservedIdentities.WORLD).encode());

            restoreEndpoints();
            removeOrphans();
            ensureHealth();
            check(lxc.resync());
            check(ipcache.resync());
            syncIdentityRefs();
            store.save(state);
        }
        try {
            flows = FlowService.start(paths.node(), log, dp, this::endpointTable);
        } catch (RuntimeException e) {
            // the node works without flows: status says NodeMonitor Disabled and observe gets a 503
            log.warn("flows: cannot read " + FlowService.EVENTS + ": " + e.getMessage());
        }
        controllers.add("flow-names-sync", SYNC_PERIOD, this::refreshFlowNames);
        controllers.add("bpf-map-sync-" + LxcMap.NAME, SYNC_PERIOD, () -> syncMap(lxc));
        controllers.add("bpf-map-sync-" + IpcacheMap.NAME, SYNC_PERIOD, () -> syncMap(ipcache));
        controllers.add("endpoint-datapath-sync", SYNC_PERIOD, this::syncEndpoints);
        controllers.add("node-datapath-sync", SYNC_PERIOD, this::syncNode);
    }

    private void check(MapCache.Result r) {
        if (r.written() + r.deleted() > 0) log.info("map sync: " + r.written() + " written, " + r.deleted() + " deleted");
        if (r.failed() > 0) log.warn("map sync: " + r.failed() + " failed: " + r.firstError());
    }

    private void restoreEndpoints() {
        List<EndpointRecord> keep = new ArrayList<>();
        for (EndpointRecord ep : state.endpoints()) {
            if (!EndpointRecord.READY.equals(ep.state())) {
                log.info("rolling back endpoint " + ep.id() + " (" + ep.owner() + "), left " + ep.state() + " by the last run");
                teardown(ep);
                continue;
            }
            try {
                ipam.allocate(Ipam.parse(ep.ipv4()), ep.owner());
            } catch (IllegalArgumentException e) {
                log.warn("dropping endpoint " + ep.id() + " (" + ep.owner() + "): " + e.getMessage());
                net.unwire(ep.ifname(), ep.netns());
                dp.detach(ep.ifname());
                continue;
            }
            keep.add(ep);
        }
        state = state.withEndpoints(keep);
        store.save(state);
        for (EndpointRecord ep : keep) {
            try {
                EndpointRecord r = realize(ep);
                replace(r);
                if (!ep.isHealth()) restored.add(ep.id());
                log.info("restored endpoint " + ep.id() + " (" + ep.owner() + ", " + ep.ipv4() + ")");
            } catch (IOException | RuntimeException e) {
                notReady.put(ep.id(), String.valueOf(e.getMessage()));
                log.error("endpoint " + ep.id() + " (" + ep.owner() + ") could not be restored; retrying", e);
            }
        }
    }

    /** Removes namespaces, devices and links of this node that no endpoint owns. */
    private void removeOrphans() {
        Set<String> wantNs = new HashSet<>(), wantDev = new HashSet<>();
        for (EndpointRecord ep : state.endpoints()) {
            wantNs.add(ep.netns());
            wantDev.add(ep.ifname());
        }
        for (String ns : net.endpointNamespaces()) {
            if (wantNs.contains(ns)) continue;
            log.info("removing orphan namespace " + ns);
            Procs.killAllIn(ns);
            NetNs.delete(ns);
        }
        for (String dev : net.endpointDevices()) {
            if (wantDev.contains(dev)) continue;
            log.info("removing orphan device " + dev);
            net.deleteDevice(dev);
        }
        for (String dev : dp.attachedDevices()) {
            if (wantDev.contains(dev) || dev.equals(NodeNetwork.HOST_DEV)) continue;
            log.info("removing orphan links of " + dev);
            dp.detach(dev);
        }
    }

    private void ensureHealth() throws IOException {
        for (EndpointRecord ep : state.endpoints()) if (ep.isHealth()) return;
        int id = newEndpointId(usedIds());
        Inet4Address ip = ipam.allocateNext("health");
        EndpointRecord rec = new EndpointRecord(id, EndpointRecord.HEALTH, "", "health", List.of("reserved:health"), List.of(),
                ReservedIdentities.HEALTH, ip.getHostAddress(), NodeNetwork.HEALTH_DEV, paths.healthNetns(), null, null, 0,
                EndpointRecord.CREATING);
        add(rec);
        try {
            replace(realize(rec).withState(EndpointRecord.READY));
            store.save(state);
            log.info("health endpoint " + id + " at " + ip.getHostAddress());
        } catch (IOException | RuntimeException e) {
            teardown(rec);
            remove(rec);
            ipam.release(ip);
            store.save(state);
            throw e;
        }
    }

    private void syncIdentityRefs() {
        Map<Long, Integer> refs = new HashMap<>();
        for (EndpointRecord ep : state.endpoints()) {
            if (!ep.isHealth()) refs.merge(ep.identity(), 1, Integer::sum);
        }
        identities.setNode(paths.node(), refs);
    }

    private void writeNodeConfig() {
        NodeConfigMap.Config c = new NodeConfigMap.Config(router, ipam.networkAddress(), ipam.prefixLength(),
                net.hostIfindex(), state.hostEndpointId(), NodeConfigMap.AGG_MEDIUM);
        byte[] v = c.encode();
        Optional<byte[]> cur = nodeCfgMap.lookup(NodeConfigMap.key());
        if (cur.isEmpty() || !java.util.Arrays.equals(cur.get(), v)) nodeCfgMap.update(NodeConfigMap.key(), v, BpfMap.UPDATE_ANY);
    }

    // ---------------------------------------------------------------- endpoints

    /**
     * Wires an endpoint into the kernel (netns, veth, addresses, routes), writes its map entries and
     * attaches the programs. Idempotent; returns the record with the devices' ifindex and MACs.
     */
    private EndpointRecord realize(EndpointRecord rec) throws IOException {
        long t0 = System.nanoTime();
        NodeNetwork.Wired w = net.wire(rec, router);
        long t1 = System.nanoTime();
        EndpointRecord r = rec.withLink(w.mac(), w.hostMac(), w.ifindex());
        CrashPoints.reached("create.wired");
        Inet4Address ip = Ipam.parse(r.ipv4());
        String err = lxc.put(LxcMap.Key.of(ip).encode(),
                LxcMap.Info.endpoint(w.ifindex(), r.id(), w.mac(), w.hostMac(), r.identity()).encode());
        if (err != null) throw new IOException(LxcMap.NAME + ": " + err);
        err = ipcache.put(IpcacheMap.Key.of(ip, 32).encode(), IpcacheMap.Value.local(r.identity()).encode());
        if (err != null) throw new IOException(IpcacheMap.NAME + ": " + err);
        CrashPoints.reached("create.maps");
        long t2 = System.nanoTime();
        dp.attachEndpoint(net.nodeNs(), r.ifname(), w.ifindex());
        CrashPoints.reached("create.attached");
        log.debug("endpoint " + r.id() + ": plumbing " + (t1 - t0) / 1000 + " us, maps " + (t2 - t1) / 1000 + " us, links "
                + (System.nanoTime() - t2) / 1000 + " us");
        notReady.remove(r.id());
        return r;
    }

    /** Takes an endpoint's pieces apart (links, map entries, veth, namespace); tolerates missing pieces. */
    private void teardown(EndpointRecord ep) {
        dp.detach(ep.ifname());
        if (ep.ipv4() != null && !ipUsedByOther(ep)) {
            Inet4Address ip = Ipam.parse(ep.ipv4());
            lxc.delete(LxcMap.Key.of(ip).encode());
            ipcache.delete(IpcacheMap.Key.of(ip, 32).encode());
        }
        net.unwire(ep.ifname(), ep.netns());
    }

    private boolean ipUsedByOther(EndpointRecord ep) {
        if (ep.ipv4().equals(state.routerIp())) return true;
        for (EndpointRecord o : state.endpoints()) {
            if (o.id() != ep.id() && ep.ipv4().equals(o.ipv4()) && EndpointRecord.READY.equals(o.state())) return true;
        }
        return false;
    }

    Endpoint create(EndpointChangeRequest req) {
        if (req == null) throw ApiException.badRequest("missing request body (an EndpointChangeRequest)");
        String ns = req.namespace() == null || req.namespace().isEmpty() ? "default" : req.namespace();
        String pod = req.podName();
        if (pod == null || pod.isEmpty()) throw ApiException.badRequest("k8s-pod-name is required");
        checkName("pod", pod);
        checkName("namespace", ns);
        List<Label> user = new ArrayList<>();
        List<String> sec;
        try {
            if (req.labels() != null) for (String l : req.labels()) user.add(Label.parseUser(l));
            sec = Label.podLabels(ns, user);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        List<String> userText = new ArrayList<>();
        for (Label l : user) userText.add(l.toString());
        Endpoint created;
        synchronized (lock) {
            CrashPoints.arm();
            try {
                created = createLocked(ns, pod, sec, userText);
            } finally {
                CrashPoints.disarm();
            }
        }
        refreshFlowNames();   // the new pod's flows get its name from the first packet on
        return created;
    }

    private Endpoint createLocked(String ns, String pod, List<String> sec, List<String> userText) {
        {
            for (EndpointRecord ep : state.endpoints()) {
                if (!ep.isHealth() && ep.namespace().equals(ns) && ep.name().equals(pod)) {
                    throw ApiException.conflict("endpoint " + ns + "/" + pod + " already exists (id " + ep.id() + ")");
                }
            }
            long t0 = System.nanoTime();
            long identity = identities.acquire(paths.node(), sec);
            boolean ok = false;
            try {
                int id = newEndpointId(usedIds());
                Inet4Address ip;
                try {
                    ip = ipam.allocateNext(ns + "/" + pod);
                } catch (IllegalStateException e) {
                    throw new ApiException(503, e.getMessage());
                }
                EndpointRecord rec = new EndpointRecord(id, EndpointRecord.POD, ns, pod, sec, userText, identity,
                        ip.getHostAddress(), NodeNetwork.lxcName(paths.node(), ns, pod), paths.podNetns(ns, pod), null, null, 0,
                        EndpointRecord.CREATING);
                add(rec);
                store.save(state);
                CrashPoints.reached("create.persisted");
                try {
                    EndpointRecord r = realize(rec).withState(EndpointRecord.READY);
                    replace(r);
                    store.save(state);
                    CrashPoints.reached("create.ready");
                    ok = true;
                    log.info("created endpoint " + id + " (" + ns + "/" + pod + ", " + ip.getHostAddress() + ", identity " + identity + ") in "
                            + (System.nanoTime() - t0) / 1_000_000 + " ms");
                    return model(r);
                } catch (IOException | RuntimeException e) {
                    log.error("creating endpoint " + ns + "/" + pod + " failed; rolling back", e);
                    try {
                        teardown(rec);
                    } catch (RuntimeException te) {
                        log.error("rollback of endpoint " + id + " incomplete (the next start finishes it)", te);
                        throw new ApiException(500, "creating endpoint " + ns + "/" + pod + " failed: " + e.getMessage());
                    }
                    remove(rec);
                    ipam.release(ip);
                    store.save(state);
                    throw new ApiException(500, "creating endpoint " + ns + "/" + pod + " failed (rolled back): " + e.getMessage());
                }
            } finally {
                if (!ok) identities.release(paths.node(), identity);
            }
        }
    }

    Endpoint delete(String idSpec) {
        Endpoint gone = deleteLocked(idSpec);
        refreshFlowNames();
        return gone;
    }

    private Endpoint deleteLocked(String idSpec) {
        synchronized (lock) {
            EndpointRecord r = find(idSpec);
            if (r == null) {
                if (isHostId(idSpec)) throw ApiException.badRequest("endpoint " + idSpec + " is the node's host endpoint: it cannot be deleted");
                throw ApiException.notFound("endpoint " + idSpec + " not found");
            }
            if (r.isHealth()) throw ApiException.badRequest("endpoint " + r.id() + " is the node's health endpoint: it cannot be deleted");
            r = r.withState(EndpointRecord.DELETING);
            replace(r);
            store.save(state);
            teardown(r);
            ipam.release(Ipam.parse(r.ipv4()));
            identities.release(paths.node(), r.identity());
            remove(r);
            restored.remove(r.id());
            notReady.remove(r.id());
            store.save(state);
            log.info("deleted endpoint " + r.id() + " (" + r.owner() + ")");
            return model(r.withState("disconnected"));
        }
    }

    private boolean isHostId(String idSpec) {
        try {
            return Integer.parseInt(idSpec) == state.hostEndpointId();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** An endpoint by id ({@code 416}) or name ({@code pod-name:NAMESPACE/POD}); null if none. */
    private EndpointRecord find(String idSpec) {
        if (idSpec.startsWith("pod-name:")) {
            String n = idSpec.substring("pod-name:".length());
            int slash = n.indexOf('/');
            String ns = slash < 0 ? "default" : n.substring(0, slash), pod = slash < 0 ? n : n.substring(slash + 1);
            for (EndpointRecord ep : state.endpoints()) {
                if (!ep.isHealth() && ep.namespace().equals(ns) && ep.name().equals(pod)) return ep;
            }
            return null;
        }
        int id;
        try {
            id = Integer.parseInt(idSpec);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid endpoint id '" + idSpec + "' (a number or pod-name:NAMESPACE/POD)");
        }
        for (EndpointRecord ep : state.endpoints()) if (ep.id() == id) return ep;
        return null;
    }

    Endpoint endpoint(String idSpec) {
        synchronized (lock) {
            if (isHostId(idSpec)) return hostModel();
            EndpointRecord r = find(idSpec);
            if (r == null) throw ApiException.notFound("endpoint " + idSpec + " not found");
            return model(r);
        }
    }

    List<Endpoint> endpoints() {
        synchronized (lock) {
            List<Endpoint> out = new ArrayList<>();
            out.add(hostModel());
            for (EndpointRecord r : state.endpoints()) out.add(model(r));
            out.sort(Comparator.comparingLong(Endpoint::id));
            return out;
        }
    }

    private Endpoint model(EndpointRecord r) {
        Endpoint.ExternalIdentifiers ext = r.isHealth() ? null
                : new Endpoint.ExternalIdentifiers(r.namespace(), r.name(), r.namespace() + "/" + r.name());
        Identity id = new Identity(r.identity(), r.labels(), Label.sha256(r.labels()));
        Endpoint.Labels labels = new Endpoint.Labels(List.of(), new Endpoint.Realized(r.userLabels()), r.labels());
        Endpoint.Networking n = new Endpoint.Networking(List.of(new Endpoint.Address(r.ipv4())), r.hostMac(),
                r.ifindex(), r.ifname(), r.mac());
        String st = r.state();
        if (EndpointRecord.CREATING.equals(st)) st = "waiting-for-identity";
        else if (EndpointRecord.DELETING.equals(st)) st = "disconnecting";
        else if (EndpointRecord.READY.equals(st) && notReady.containsKey(r.id())) st = "not-ready";
        return new Endpoint(r.id(), new Endpoint.Status(ext, notReady.containsKey(r.id())
                ? new Endpoint.Health("Warning", true, "Warning", "OK") : Endpoint.Health.OK, id, labels, n,
                new Endpoint.Policy(new Endpoint.PolicyRealized("none")), st));
    }

    private Endpoint hostModel() {
        List<String> labels = List.of("reserved:host");
        int ifindex = 0;
        String mac = null;
        try {
            ifindex = net.hostIfindex();
            mac = net.hostLink().mac().orElse(null);
        } catch (RuntimeException e) {
            // the node namespace is being repaired
        }
        return new Endpoint(state.hostEndpointId(), new Endpoint.Status(null, Endpoint.Health.OK,
                new Identity(ReservedIdentities.HOST, labels, Label.sha256(labels)),
                new Endpoint.Labels(List.of(), new Endpoint.Realized(List.of()), labels),
                new Endpoint.Networking(List.of(new Endpoint.Address(null)), mac, ifindex, NodeNetwork.HOST_DEV, mac),
                new Endpoint.Policy(new Endpoint.PolicyRealized("none")), "ready"));
    }

    private static void checkName(String what, String name) {
        if (name.length() > 63 || !Label.DNS_LABEL.matcher(name).matches()) {
            throw ApiException.badRequest("invalid " + what + " name '" + name
                    + "': 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
    }

    private Set<Integer> usedIds() {
        Set<Integer> used = new HashSet<>();
        used.add(state.hostEndpointId());
        for (EndpointRecord ep : state.endpoints()) used.add(ep.id());
        return used;
    }

    /** A random free endpoint id in 1-4095, as Cilium picks them. */
    private static int newEndpointId(Set<Integer> used) {
        if (used.size() >= 4095) throw new ApiException(503, "no free endpoint id left (1-4095)");
        while (true) {
            int id = ThreadLocalRandom.current().nextInt(1, 4096);
            if (!used.contains(id)) return id;
        }
    }

    private void add(EndpointRecord r) {
        List<EndpointRecord> l = new ArrayList<>(state.endpoints());
        l.add(r);
        state = state.withEndpoints(l);
    }

    private void replace(EndpointRecord r) {
        List<EndpointRecord> l = new ArrayList<>(state.endpoints());
        l.replaceAll(e -> e.id() == r.id() ? r : e);
        state = state.withEndpoints(l);
    }

    private void remove(EndpointRecord r) {
        List<EndpointRecord> l = new ArrayList<>(state.endpoints());
        l.removeIf(e -> e.id() == r.id());
        state = state.withEndpoints(l);
    }

    // ---------------------------------------------------------------- controllers

    private void syncMap(MapCache c) {
        synchronized (lock) {
            MapCache.Result r = c.resync();
            if (r.written() + r.deleted() > 0) log.info(c.name() + " resync: " + r.written() + " written, " + r.deleted() + " deleted");
            if (r.failed() > 0) throw new IllegalStateException(r.failed() + " entries failed: " + r.firstError());
        }
    }

    /** Repairs endpoints whose plumbing or links went missing, and retries those a restore could not finish. */
    private void syncEndpoints() throws IOException {
        synchronized (lock) {
            List<String> failed = new ArrayList<>();
            for (EndpointRecord ep : new ArrayList<>(state.endpoints())) {
                if (!EndpointRecord.READY.equals(ep.state())) continue;
                if (!notReady.containsKey(ep.id()) && net.complete(ep) && dp.attached(ep.ifname(), ep.ifindex())) continue;
                try {
                    replace(realize(ep));
                    log.info("repaired endpoint " + ep.id() + " (" + ep.owner() + ")");
                } catch (IOException | RuntimeException e) {
                    notReady.put(ep.id(), String.valueOf(e.getMessage()));
                    failed.add(ep.id() + ": " + e.getMessage());
                }
            }
            store.save(state);
            if (!failed.isEmpty()) throw new IllegalStateException(String.join("; ", failed));
        }
    }

    private void syncNode() throws IOException {
        synchronized (lock) {
            net.ensureNode(router);
            int host = net.hostIfindex();
            if (!dp.attached(NodeNetwork.HOST_DEV, host)) dp.attachHost(net.nodeNs(), NodeNetwork.HOST_DEV, host);
            writeNodeConfig();
        }
    }

    // ---------------------------------------------------------------- flows

    /** The flow source, or null when the datapath's events could not be opened. */
    FlowService flows() { return flows; }

    /** What flows are named with: this node's endpoints, ipcache and identities, as the API serves them. */
    private dev.cil.flow.EndpointTable endpointTable() {
        return dev.cil.flow.EndpointTable.of(paths.node(), endpoints(), ipList(), identities());
    }

    /** A new snapshot of the names (after an endpoint or identity changed, and periodically). */
    void refreshFlowNames() {
        FlowService f = flows;
        if (f != null) f.update(endpointTable());
    }

    // ---------------------------------------------------------------- read-only views

    StatusResponse status() {
        synchronized (lock) {
            Map<String, String> allocs = new TreeMap<>();
            allocs.put(state.routerIp(), "router");
            for (EndpointRecord ep : state.endpoints()) {
                allocs.put(ep.ipv4(), ep.owner() + (restored.contains(ep.id()) ? " [restored]" : ""));
            }
            StatusResponse.Ipam ipamStatus = new StatusResponse.Ipam(allocs, List.of(ipam.cidr()),
                    "IPv4: " + ipam.used() + "/" + ipam.capacity() + " allocated from " + ipam.cidr() + ", ");
            StatusResponse.State cilium = notReady.isEmpty()
                    ? new StatusResponse.State("cil " + version + " (node " + paths.node() + ")", StatusResponse.OK)
                    : new StatusResponse.State(notReady.size() + " endpoint(s) not ready: " + notReady, StatusResponse.WARNING);
            List<StatusResponse.MapSize> sizes = new ArrayList<>();
            for (String m : TcxDatapath.MAPS) {
                try (BpfMap bm = dp.map(m)) {
                    sizes.add(new StatusResponse.MapSize(m, Integer.toUnsignedLong(bm.maxEntries())));
                } catch (RuntimeException e) {
                    sizes.add(new StatusResponse.MapSize(m, 0));
                }
            }
            StatusResponse.State disabled = new StatusResponse.State(null, StatusResponse.DISABLED);
            FlowService f = flows;
            StatusResponse.Hubble hubble = new StatusResponse.Hubble(null, null, StatusResponse.DISABLED);
            StatusResponse.NodeMonitor monitor = null;
            if (f != null) {
                long up = Math.max(1, java.time.Duration.between(startedAt, Instant.now()).toNanos());
                hubble = new StatusResponse.Hubble(null, new StatusResponse.Observer(f.store().size(), f.store().capacity(),
                        f.store().seenFlows(), up), StatusResponse.OK);
                monitor = new StatusResponse.NodeMonitor(dev.cil.bpf.PossibleCpus.count(), f.lost(), f.pages(), 4096, 0);
            }
            return new StatusResponse(dp.attachMode(), new StatusResponse.Enabled(false),
                    new StatusResponse.BpfMaps(0, sizes), cilium, new StatusResponse.ClockSource("ktime"), controllers.status(),
                    "veth", new StatusResponse.Mode("Disabled"), new StatusResponse.Mode("Disabled"), hubble,
                    new StatusResponse.IdentityRange(ReservedIdentities.MAX_ALLOCATED, ReservedIdentities.MIN_ALLOCATED),
                    ipamStatus, new StatusResponse.Enabled(false), new StatusResponse.Enabled(false), disabled, disabled,
                    new StatusResponse.Enabled(false), monitor, new StatusResponse.Routing("Native", "BPF", ""));
        }
    }

    DaemonConfiguration config() {
        synchronized (lock) {
            return new DaemonConfiguration(new DaemonConfiguration.Status(
                    new DaemonConfiguration.Addressing(new DaemonConfiguration.Ipv4(ipam.cidr(), true, state.routerIp())),
                    "veth", NodeNetwork.MTU, paths.node(), paths.netns(), paths.pinDir().toString(), paths.stateDir().toString(),
                    paths.socket().toString()));
        }
    }

    List<IpListEntry> ipList() {
        synchronized (lock) {
            List<IpListEntry> out = new ArrayList<>();
            out.add(new IpListEntry("0.0.0.0/0", null, ReservedIdentities.WORLD, null));
            out.add(new IpListEntry(state.routerIp() + "/32", null, ReservedIdentities.HOST, null));
            for (EndpointRecord ep : state.endpoints()) {
                if (!EndpointRecord.READY.equals(ep.state())) continue;
                out.add(new IpListEntry(ep.ipv4() + "/32", null, ep.identity(),
                        ep.isHealth() ? null : new IpListEntry.Metadata(ep.name(), ep.namespace(), SOURCE_LOCAL)));
            }
            out.sort(IP_ORDER);
            return out;
        }
    }

    /** Prefix length, then address (numeric): {@code ip list}'s order. */
    static final Comparator<IpListEntry> IP_ORDER = Comparator
            .comparingInt((IpListEntry e) -> Integer.parseInt(e.cidr().substring(e.cidr().indexOf('/') + 1)))
            .thenComparing(e -> Integer.toUnsignedLong(Ipam.toInt(Ipam.parse(e.cidr().substring(0, e.cidr().indexOf('/'))))));

    List<Identity> identities() {
        List<Identity> out = new ArrayList<>();
        for (Map.Entry<Long, List<String>> e : ReservedIdentities.ALL.entrySet()) {
            out.add(new Identity(e.getKey(), e.getValue(), Label.sha256(e.getValue())));
        }
        for (IdentityStore.Entry e : identities.all()) out.add(new Identity(e.id(), e.labels(), Label.sha256(e.labels())));
        out.sort(Comparator.comparingLong(Identity::id));
        return out;
    }

    Identity identity(String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid identity '" + idText + "' (a number)");
        }
        List<String> reserved = ReservedIdentities.ALL.get(id);
        if (reserved != null) return new Identity(id, reserved, Label.sha256(reserved));
        return identities.get(id).map(e -> new Identity(e.id(), e.labels(), Label.sha256(e.labels())))
                .orElseThrow(() -> ApiException.notFound("identity " + id + " not found"));
    }

    BpfMapModel map(String name) {
        synchronized (lock) {
            if (name.equals(LxcMap.NAME)) return lxc.model(dp.mapPath(name).toString());
            if (name.equals(IpcacheMap.NAME)) return ipcache.model(dp.mapPath(name).toString());
            throw ApiException.notFound("map " + name + " is not cached by the daemon (" + LxcMap.NAME + ", " + IpcacheMap.NAME + ")");
        }
    }

    BpfMapList maps() {
        synchronized (lock) {
            return new BpfMapList(List.of(lxc.model(dp.mapPath(LxcMap.NAME).toString()),
                    ipcache.model(dp.mapPath(IpcacheMap.NAME).toString())));
        }
    }

    /** For logs and tests: endpoint counts by state. */
    Map<String, Integer> summary() {
        synchronized (lock) {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (EndpointRecord ep : state.endpoints()) m.merge(ep.state(), 1, Integer::sum);
            return m;
        }
    }

    @Override
    public void close() {
        controllers.close();
        FlowService f = flows;
        if (f != null) f.close();
        synchronized (lock) {
            for (BpfMap m : new BpfMap[] {lxcMap, ipcacheMap, nodeCfgMap}) if (m != null) m.close();
            if (dp != null) dp.close();
            if (net != null) net.close();
        }
    }

    static void rethrow(IOException e) { throw new UncheckedIOException(e); }
}
