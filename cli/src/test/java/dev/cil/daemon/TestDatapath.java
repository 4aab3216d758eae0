package dev.cil.daemon;

import dev.cil.api.NodePaths;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapType;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;

/**
 * TEST DOUBLE — never in src/main. Stands in for {@code LoaderDatapath} in tests that need a node but
 * not its forwarding (select it with {@code -Dcil.datapath=dev.cil.daemon.TestDatapath}). It creates every map of
 * bpf-programs/include/cil_maps.h with the same type, key/value sizes, entries and flags, pinned by
 * name, and four pass-through {@code sched_cls} programs ({@code r0 = TCX_NEXT; exit}) under the
 * datapath programs' names, pinned under {@code progs/}. Everything else — tcx attach, link pins,
 * restore from pins — is the production {@link TcxDatapath}. Packets are not forwarded by it: with the
 * node's ip_forward off, pods reach the router but not each other.
 */
public final class TestDatapath extends TcxDatapath {
    private static final int NO_PREALLOC = 1;
    private static final int SCHED_CLS = 3;

    public TestDatapath(NodePaths paths) { super(paths); }

    @Override
    protected void load() {
        map("cilium_lxc", MapType.HASH, 20, 48, 65535, NO_PREALLOC);
        map("cilium_ipcache", MapType.LPM_TRIE, 24, 12, 512000, NO_PREALLOC);
        map("cilium_metrics", MapType.PERCPU_HASH, 8, 16, 1024, NO_PREALLOC);
        map("cilium_ct4_global", MapType.LRU_HASH, 14, 56, 65536, 0);
        map("cilium_node_cfg", MapType.ARRAY, 4, 24, 1, 0);
        map("cilium_events", MapType.RINGBUF, 0, 0, 4 * 1024 * 1024, 0);
        map("cilium_evt_lost", MapType.PERCPU_ARRAY, 4, 8, 1, 0);
        map("cilium_calls_00", MapType.PROG_ARRAY, 4, 4, 43, 0);
        for (String p : PROGRAMS) passProgram(p);
    }

    private void map(String name, MapType type, int key, int value, int entries, int flags) {
        if (java.nio.file.Files.exists(mapPath(name))) return;   // reuse the pin, as the loader does
        try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(type, key, value, entries, flags,
                name.length() > 15 ? name.substring(0, 15) : name))) {
            m.pin(mapPath(name).toString());
        }
    }

    private void passProgram(String name) {
        // r0 = -1 (TCX_NEXT: on to the next program, then the stack); exit
        NativeBuffer insns = NativeBuffer.of(new byte[] {(byte) 0xb7, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0x95, 0, 0, 0, 0, 0, 0, 0});
        String kname = name.length() > 15 ? name.substring(0, 15) : name;
        int fd = BpfCalls.progLoad(BpfCalls.ProgLoad.of(SCHED_CLS, insns, "GPL", kname), kname);
        try (Fd f = new Fd(fd, "prog " + kname)) {
            BpfCalls.objPin(f.raw(), programPin(name).toString(), kname);
        }
    }
}
