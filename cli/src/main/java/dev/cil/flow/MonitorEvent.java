package dev.cil.flow;

/**
 * One record of the datapath's event ring buffer, decoded: Cilium's monitor message (trace, drop,
 * debug, capture) with the captured packet, plus our record meta (the event's CLOCK_MONOTONIC time
 * and CPU). Anything else is an {@link Unknown} event, never an exception.
 */
public sealed interface MonitorEvent permits MonitorEvent.Trace, MonitorEvent.Drop, MonitorEvent.Debug,
        MonitorEvent.Capture, MonitorEvent.Unknown {

    /** {@code bpf_ktime_get_ns()} when the event was made (CLOCK_MONOTONIC, as System.nanoTime()); 0 if unknown. */
    long ktimeNs();

    /** The CPU that made the event; -1 if unknown. */
    int cpu();

    /** The monitor message type ({@link MonitorApi#TYPE_TRACE} …). */
    int type();

    /** The message's subtype: observation point, drop reason, debug or capture type. */
    int subtype();

    /** The endpoint that sent the event (0: none). */
    int source();

    /** The packet's hash ({@code mark} in cilium-dbg monitor). */
    int hash();

    /** TraceNotify (type 4): a packet seen at an observation point. */
    record Trace(long ktimeNs, int cpu, int subtype, int source, int hash, int lenOrig, int lenCap, int version,
                 int srcLabel, int dstLabel, int dstId, int reason, int flags, int ifindex, byte[] origIp,
                 Packet packet) implements MonitorEvent {
        public int type() { return MonitorApi.TYPE_TRACE; }

        /** The observation point (monitor numbering: 0 is to-endpoint). */
        public int obsPoint() { return subtype; }

        public boolean ipv6() { return (flags & 1) != 0; }

        public boolean l3Device() { return (flags & 2) != 0; }

        /** The trace reason without the encrypt bit. */
        public int traceReason() { return reason & ~MonitorApi.TRACE_REASON_ENCRYPT_MASK; }

        public boolean encrypted() { return (reason & MonitorApi.TRACE_REASON_ENCRYPT_MASK) != 0; }

        public boolean reasonKnown() { return traceReason() != MonitorApi.TRACE_REASON_UNKNOWN; }

        /** The pre-NAT source address, null when none (all zero). */
        public String originalIp() {
            if (origIp == null) return null;
            int n = ipv6() ? 16 : 4;
            boolean zero = true;
            for (int i = 0; i < n; i++) if (origIp[i] != 0) zero = false;
            if (zero) return null;
            return ipv6() ? Net.ipv6(origIp, 0)
                    : Net.ipv4(((origIp[0] & 0xff) << 24) | ((origIp[1] & 0xff) << 16) | ((origIp[2] & 0xff) << 8) | (origIp[3] & 0xff));
        }
    }

    /** DropNotify (type 1): a packet the datapath dropped, subtype = reason. */
    record Drop(long ktimeNs, int cpu, int subtype, int source, int hash, int lenOrig, int lenCap, int version,
                int srcLabel, int dstLabel, int dstId, int line, int file, int extError, int ifindex, int flags,
                Packet packet) implements MonitorEvent {
        public int type() { return MonitorApi.TYPE_DROP; }

        public int reason() { return subtype; }

        public boolean ipv6() { return (flags & 1) != 0; }

        public boolean l3Device() { return (flags & 2) != 0; }
    }

    /** DebugMsg (type 2): a datapath debug message with three arguments. */
    record Debug(long ktimeNs, int cpu, int subtype, int source, int hash, int arg1, int arg2, int arg3) implements MonitorEvent {
        public int type() { return MonitorApi.TYPE_DEBUG; }
    }

    /** DebugCapture (type 3): a captured packet at a debug capture point. */
    record Capture(long ktimeNs, int cpu, int subtype, int source, int hash, int lenOrig, int lenCap, int version,
                   int arg1, int arg2, Packet packet) implements MonitorEvent {
        public int type() { return MonitorApi.TYPE_CAPTURE; }
    }

    /** Any other type, or a message too short for its type: the raw bytes and why it was not decoded. */
    record Unknown(long ktimeNs, int cpu, int type, int subtype, int source, int hash, byte[] data, String why) implements MonitorEvent { }
}
