package dev.cil.daemon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cilium's reserved security identities 1-10 (formats.md §15.1) and their labels. */
final class ReservedIdentities {
    private ReservedIdentities() { }

    static final long HOST = 1, WORLD = 2, UNMANAGED = 3, HEALTH = 4, INIT = 5, REMOTE_NODE = 6, KUBE_APISERVER = 7,
            INGRESS = 8, WORLD_IPV4 = 9, WORLD_IPV6 = 10;
    /** Identities the allocator hands out start here (Cilium's {@code MinimalAllocationIdentity}). */
    static final long MIN_ALLOCATED = 256, MAX_ALLOCATED = 65535;

    /** id → sorted labels. */
    static final Map<Long, List<String>> ALL;

    static {
        Map<Long, List<String>> m = new LinkedHashMap<>();
        m.put(HOST, List.of("reserved:host"));
        m.put(WORLD, List.of("reserved:world"));
        m.put(UNMANAGED, List.of("reserved:unmanaged"));
        m.put(HEALTH, List.of("reserved:health"));
        m.put(INIT, List.of("reserved:init"));
        m.put(REMOTE_NODE, List.of("reserved:remote-node"));
        m.put(KUBE_APISERVER, List.of("reserved:kube-apiserver", "reserved:remote-node"));
        m.put(INGRESS, List.of("reserved:ingress"));
        m.put(WORLD_IPV4, List.of("reserved:world-ipv4"));
        m.put(WORLD_IPV6, List.of("reserved:world-ipv6"));
        ALL = java.util.Collections.unmodifiableMap(m);
    }
}
