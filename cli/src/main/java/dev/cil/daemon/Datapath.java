package dev.cil.daemon;

import dev.cil.bpf.BpfMap;
import dev.cil.netns.NetNs;

import java.nio.file.Path;
import java.util.Set;

/**
 * The seam between the daemon and the BPF datapath of one node (bpf-programs: {@code bpf_lxc.o},
 * {@code bpf_host.o}). Everything lives under the node's pin directory
 * ({@link dev.cil.api.NodePaths#pinDir()}, {@code /sys/fs/bpf/cil/NODE/}): maps pinned by name,
 * programs under {@code progs/}, tcx links under {@code links/DEVICE/ingress|egress} (bpffs
 * refuses dots in names). Pins are what
 * keep the datapath forwarding while the daemon is stopped or killed.
 *
 * <p>Implementations: {@code LoaderDatapath} (loads the objects with cil's own ELF/BTF loader,
 * {@code dev.cil.bpf.BpfCollection}), chosen by {@link Datapaths}; tests use a double that creates the
 * same maps and pass-through programs with the bpf(2) layer. Attach/detach and pin handling is shared
 * in {@link TcxDatapath}.
 */
public interface Datapath extends AutoCloseable {
    /** How {@link #open} made the programs and maps available. */
    enum Origin { LOADED, RESTORED }

    /**
     * Makes the programs and maps available: when every program and map is pinned, re-opens the pins
     * (nothing is reloaded: {@link Origin#RESTORED}); otherwise loads the objects from the classpath
     * ({@code bpf/bpf_lxc.o}, {@code bpf/bpf_host.o}), reusing compatible map pins and pinning the rest
     * by name, and pins the programs ({@link Origin#LOADED}).
     */
    Origin open();

    /**
     * Attaches {@code cil_to_host} (tcx ingress) and {@code cil_from_host} (tcx egress) to {@code device}
     * (ifindex {@code ifindex} in {@code ns}) and pins the links
     * ({@code links/DEVICE/ingress}, {@code links/DEVICE/egress}). Idempotent: links already attached there
     * with the current programs are kept; stale ones are replaced without a gap.
     */
    void attachHost(NetNs ns, String device, int ifindex);

    /** As {@link #attachHost}, with {@code cil_from_container} (tcx ingress) and {@code cil_to_container} (tcx egress). */
    void attachEndpoint(NetNs ns, String device, int ifindex);

    /** Detaches and unpins {@code device}'s links; nothing happens if it has none. */
    void detach(String device);

    /** Whether both of {@code device}'s links are pinned, alive and attached to ifindex {@code ifindex}. */
    boolean attached(String device, int ifindex);

    /** Devices that have at least one pinned link. */
    Set<String> attachedDevices();

    /** A new handle on a pinned map (the caller closes it). */
    BpfMap map(String name);

    /** Where map {@code name} is pinned. */
    Path mapPath(String name);

    /** The attach mode shown by {@code status}: {@code tcx}. */
    default String attachMode() { return "tcx"; }

    /** Closes the program handles; pins, and so the datapath, stay. */
    @Override
    void close();
}
