package dev.cil.daemon;

import dev.cil.api.NodePaths;
import dev.cil.bpf.BpfLink;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.LinkInfo;
import dev.cil.bpf.link.Tcx;
import dev.cil.bpf.link.TcxDirection;
import dev.cil.bpf.link.TcxLink;
import dev.cil.bpf.link.TcxOptions;
import dev.cil.error.KernelException;
import dev.cil.netns.NetNs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a {@link Datapath} that does not depend on how the objects are loaded: program and map
 * pins, and tcx links (attached in the node namespace, pinned as {@code links/DEVICE/ingress|egress}:
 * bpffs refuses names with a dot). A subclass only implements {@link #load()}.
 */
public abstract class TcxDatapath implements Datapath {
    public static final String FROM_CONTAINER = "cil_from_container", TO_CONTAINER = "cil_to_container",
            TO_HOST = "cil_to_host", FROM_HOST = "cil_from_host";
    /** Programs the daemon attaches, pinned as {@code progs/NAME}. */
    public static final List<String> PROGRAMS = List.of(FROM_CONTAINER, TO_CONTAINER, TO_HOST, FROM_HOST);
    /** Maps both objects share, pinned by name (bpf-programs/include/cil_maps.h). */
    public static final List<String> MAPS = List.of("cilium_lxc", "cilium_ipcache", "cilium_metrics", "cilium_ct4_global",
            "cilium_node_cfg", "cilium_events", "cilium_evt_lost", "cilium_calls_00");

    protected final NodePaths paths;
    private final Map<String, BpfProgram> programs = new LinkedHashMap<>();
    private final Map<String, Integer> programIds = new LinkedHashMap<>();

    protected TcxDatapath(NodePaths paths) { this.paths = paths; }

    /**
     * Loads {@code bpf_lxc.o} and {@code bpf_host.o}: maps pinned by name under {@link NodePaths#pinDir()}
     * (compatible pins reused), every program of {@link #PROGRAMS} pinned at {@link #programPin}. Called by
     * {@link #open()} when pins are missing; stale program pins are removed before.
     */
    protected abstract void load();

    public Path programPin(String program) { return paths.progDir().resolve(program); }

    public Path linkPin(String device, TcxDirection dir) {
        return paths.linkDir().resolve(device).resolve(dir == TcxDirection.INGRESS ? "ingress" : "egress");
    }

    @Override
    public Path mapPath(String name) { return paths.mapPin(name); }

    @Override
    public Origin open() {
        try {
            Files.createDirectories(paths.progDir());
            Files.createDirectories(paths.linkDir());
        } catch (IOException e) {
            throw new DatapathUnavailableException("cannot create " + paths.pinDir() + ": " + e.getMessage(), e);
        }
        boolean complete = PROGRAMS.stream().allMatch(p -> Files.exists(programPin(p)))
                && MAPS.stream().allMatch(m -> Files.exists(mapPath(m)));
        Origin origin = Origin.RESTORED;
        if (!complete) {
            for (String p : PROGRAMS) {
                try {
                    Files.deleteIfExists(programPin(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            load();
            origin = Origin.LOADED;
        }
        for (String p : PROGRAMS) {
            BpfProgram prog;
            try {
                prog = BpfProgram.openPinned(programPin(p).toString());
            } catch (KernelException e) {
                throw new DatapathUnavailableException("program " + p + " is not pinned at " + programPin(p) + ": " + e.getMessage(), e);
            }
            programs.put(p, prog);
            programIds.put(p, prog.info().id().value());
        }
        for (String m : MAPS) {
            if (!Files.exists(mapPath(m))) throw new DatapathUnavailableException("map " + m + " is not pinned at " + mapPath(m));
        }
        return origin;
    }

    @Override
    public void attachHost(NetNs ns, String device, int ifindex) {
        attach(ns, device, ifindex, TO_HOST, TcxDirection.INGRESS);
        attach(ns, device, ifindex, FROM_HOST, TcxDirection.EGRESS);
    }

    /**
     * {@inheritDoc} Most of an endpoint's creation time is here: each tcx LINK_CREATE waits for an RCU
     * grace period in the kernel (10-30 ms on a busy 2-CPU machine; attaching both directions from two
     * threads did not shorten it).
     */
    @Override
    public void attachEndpoint(NetNs ns, String device, int ifindex) {
        attach(ns, device, ifindex, FROM_CONTAINER, TcxDirection.INGRESS);
        attach(ns, device, ifindex, TO_CONTAINER, TcxDirection.EGRESS);
    }

    private void attach(NetNs ns, String device, int ifindex, String program, TcxDirection dir) {
        BpfProgram prog = programs.get(program);
        if (prog == null) throw new IllegalStateException("datapath not open");
        Path pin = linkPin(device, dir);
        BpfLink old = null;
        if (Files.exists(pin)) {
            try {
                old = BpfLink.openPinned(pin.toString());
                LinkInfo i = old.info();
                if (i.ifindex() == ifindex && i.progId().value() == programIds.get(program)) {
                    old.close();
                    return;   // already right
                }
            } catch (KernelException e) {
                if (old != null) old.close();
                old = null;   // a broken pin: replaced below
            }
        }
        // the new link first, then the old one goes: no moment without a program on the hook
        try (TcxLink link = ns.run(() -> Tcx.attach(prog, ifindex,
                dir == TcxDirection.INGRESS ? TcxOptions.ingress() : TcxOptions.egress()))) {
            if (old != null) {
                detachQuietly(old);
                old.close();
                old = null;
            }
            Files.deleteIfExists(pin);
            Files.createDirectories(pin.getParent());
            link.pin(pin.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (old != null) old.close();
        }
    }

    @Override
    public void detach(String device) {
        for (TcxDirection dir : TcxDirection.values()) {
            Path pin = linkPin(device, dir);
            if (!Files.exists(pin)) continue;
            try (BpfLink l = BpfLink.openPinned(pin.toString())) {
                detachQuietly(l);
            } catch (KernelException e) {
                // not a link any more: just unpin
            }
            try {
                Files.deleteIfExists(pin);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.deleteIfExists(paths.linkDir().resolve(device));
        } catch (IOException e) {
            // not empty: something else pinned there
        }
    }

    private static void detachQuietly(BpfLink l) {
        try {
            l.detach();
        } catch (KernelException e) {
            // already defunct (its device is gone)
        }
    }

    @Override
    public boolean attached(String device, int ifindex) {
        for (TcxDirection dir : TcxDirection.values()) {
            Path pin = linkPin(device, dir);
            if (!Files.exists(pin)) return false;
            try (BpfLink l = BpfLink.openPinned(pin.toString())) {
                if (l.info().ifindex() != ifindex) return false;
            } catch (KernelException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Set<String> attachedDevices() {
        Set<String> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(paths.linkDir())) {
            for (Path p : ds) if (Files.isDirectory(p)) out.add(p.getFileName().toString());
        } catch (IOException e) {
            // no links yet
        }
        return out;
    }

    @Override
    public BpfMap map(String name) { return BpfMap.openPinned(mapPath(name).toString()); }

    @Override
    public void close() {
        for (BpfProgram p : programs.values()) p.close();
        programs.clear();
    }
}
