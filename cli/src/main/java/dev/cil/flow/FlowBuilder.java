package dev.cil.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Turns datapath events into hubble Flows the way hubble's L3/L4 parser does
 * (pkg/hubble/parser/threefour): verdict from the event type, endpoints resolved from the packet's
 * addresses and the event's identities, {@code is_reply} and the traffic direction from the trace
 * reason, the summary from the packet's last header. Debug and unknown events are not flows
 * ({@link #build} returns null). Thread-safe when the resolver is.
 *
 * <p>Where cil differs from hubble: a packet with a header cut short still becomes a flow (hubble's
 * gopacket decoder fails and drops the event), with the headers that were complete.
 */
public final class FlowBuilder {
    private final EndpointResolver resolver;
    private final MonotonicClock clock;
    private final Supplier<String> uuids;

    public FlowBuilder(EndpointResolver resolver) {
        this(resolver, MonotonicClock.system(), FlowBuilder::randomUuid);
    }

    public FlowBuilder(EndpointResolver resolver, MonotonicClock clock, Supplier<String> uuids) {
        this.resolver = resolver;
        this.clock = clock;
        this.uuids = uuids;
    }

    /** A random (version 4) UUID, as hubble gives every flow. */
    public static String randomUuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** The flow of a trace, drop or capture event; null for other events. */
    public Flow build(MonitorEvent e) {
        if (e instanceof MonitorEvent.Trace) return trace((MonitorEvent.Trace) e);
        if (e instanceof MonitorEvent.Drop) return drop((MonitorEvent.Drop) e);
        if (e instanceof MonitorEvent.Capture) return capture((MonitorEvent.Capture) e);
        return null;
    }

    private Flow.Builder common(MonitorEvent e, Packet p) {
        Flow.Builder b = Flow.builder()
                .time(e.ktimeNs() == 0 ? null : clock.toInstant(e.ktimeNs()))
                .uuid(uuids.get())
                .type(1) // L3_L4
                .nodeName(resolver.nodeName())
                .nodeLabels(resolver.nodeLabels())
                .eventType(new Flow.EventType(e.type(), e.subtype()))
                .summary(p.summary());
        if (p.has(Packet.Layer.ETHERNET)) {
            b.ethernet(new Flow.Ethernet(Net.mac(p.ethSource()), Net.mac(p.ethDestination())));
        }
        if (p.has(Packet.Layer.IPV4)) {
            b.ip(new Flow.IP(Net.ipv4(p.ipv4Source()), null, Net.ipv4(p.ipv4Destination()), 1, false));
        } else if (p.has(Packet.Layer.IPV6)) {
            b.ip(new Flow.IP(p.ipSourceString(), null, p.ipDestinationString(), 2, false));
        }
        Packet.Layer l = p.lastLayer();
        if (l != null) {
            switch (l) {
                case TCP: b.l4(new Flow.Tcp(p.sourcePort(), p.destinationPort(), new Flow.TcpFlags(p.tcpFlags()))); break;
                case UDP: b.l4(new Flow.Udp(p.sourcePort(), p.destinationPort())); break;
                case SCTP: b.l4(new Flow.Sctp(p.sourcePort(), p.destinationPort(), 0)); break;
                case ICMPV4: b.l4(new Flow.Icmpv4(p.icmpType(), p.icmpCode())); break;
                case ICMPV6: b.l4(new Flow.Icmpv6(p.icmpType(), p.icmpCode())); break;
                default: break;
            }
        }
        return b;
    }

    private Flow trace(MonitorEvent.Trace t) {
        Packet p = t.packet();
        Flow.Builder b = common(t, p);
        b.traceObservationPoint(t.obsPoint() != 0 ? t.obsPoint() : 101); // TO_ENDPOINT: the monitor's 0
        String srcIp = p.ipSourceString(), dstIp = p.ipDestinationString();
        String orig = t.originalIp();
        if (b.ip != null) {
            Flow.IP ip = b.ip;
            String source = ip.source(), xlated = null;
            if (orig != null) {
                srcIp = orig;
                if (!orig.equals(ip.source())) {
                    xlated = ip.source();
                    source = orig;
                }
            }
            b.ip(new Flow.IP(source, xlated, ip.destination(), ip.ipVersion(), t.encrypted()));
        }
        Flow.Endpoint src = resolve(srcIp, t.srcLabel());
        Flow.Endpoint dst = resolve(dstIp, t.dstLabel());
        b.source(src).destination(dst).verdict(1); // FORWARDED
        int reason = t.traceReason();
        Boolean isReply = null;
        if (t.reasonKnown() && reason != MonitorApi.TRACE_REASON_SRV6_ENCAP && reason != MonitorApi.TRACE_REASON_SRV6_DECAP
                && reason != MonitorApi.TRACE_REASON_ENCRYPT_OVERLAY) {
            isReply = reason == MonitorApi.TRACE_REASON_CT_REPLY;
        }
        b.isReply(isReply).reply(Boolean.TRUE.equals(isReply));
        int dir = 0;
        if (t.source() != 0 && t.reasonKnown()) {
            boolean isSourceEp = t.source() == (src.id() & 0xffff);
            boolean reply = reason == MonitorApi.TRACE_REASON_CT_REPLY;
            dir = isSourceEp != reply || orig != null ? 2 : 1; // EGRESS : INGRESS
        }
        b.trafficDirection(dir);
        // the monitor's trace reasons below "unknown" (5) are the proto's plus one; the rest map 1:1
        b.traceReason(reason == MonitorApi.TRACE_REASON_UNKNOWN ? 0 : reason < MonitorApi.TRACE_REASON_UNKNOWN ? reason + 1 : reason);
        if (t.ifindex() != 0) b.iface(new Flow.NetworkInterface(t.ifindex(), resolver.interfaceName(t.ifindex())));
        if (t.obsPoint() == MonitorApi.TRACE_TO_PROXY) b.proxyPort(t.dstId());
        return b.build();
    }

    private Flow drop(MonitorEvent.Drop d) {
        Packet p = d.packet();
        Flow.Builder b = common(d, p);
        Flow.Endpoint src = resolve(p.ipSourceString(), d.srcLabel());
        Flow.Endpoint dst = resolve(p.ipDestinationString(), d.dstLabel());
        b.source(src).destination(dst).verdict(2) // DROPPED
                .dropReason(d.reason()).dropReasonDesc(d.reason())
                .file(new Flow.FileInfo(MonitorApi.bpfFileName(d.file()), d.line()));
        if (d.source() != 0) b.trafficDirection(d.source() == (src.id() & 0xffff) ? 2 : 1);
        return b.build();
    }

    private Flow capture(MonitorEvent.Capture c) {
        Packet p = c.packet();
        Flow.Builder b = common(c, p);
        b.source(resolve(p.ipSourceString(), 0)).destination(resolve(p.ipDestinationString(), 0));
        b.debugCapturePoint(c.subtype());
        switch (c.subtype()) {
            case 4: case 5: case 6: case 7: case 10: case 11: // delivery, from-lb, after v46/v64, snat pre/post
                if (c.arg1() != 0) b.iface(new Flow.NetworkInterface(c.arg1(), resolver.interfaceName(c.arg1())));
                break;
            case 8: case 9: // proxy pre/post: the port in network order
                b.proxyPort(Integer.reverseBytes(c.arg1()));
                break;
            default:
        }
        return b.build();
    }

    /** hubble's EndpointResolver.ResolveEndpoint: local endpoint first, else ipcache identity + labels. */
    Flow.Endpoint resolve(String ip, int datapathIdentity) {
        if (ip != null) {
            Optional<Flow.Endpoint> local = resolver.localEndpoint(ip);
            if (local.isPresent()) {
                Flow.Endpoint ep = local.get();
                int identity = datapathIdentity != 0 ? datapathIdentity : ep.identity();
                return new Flow.Endpoint(ep.id(), identity, ep.clusterName(), ep.namespace(), sortAndFilter(ep.labels(), identity),
                        ep.podName(), ep.workloads());
            }
        }
        int identity = datapathIdentity;
        String ns = null, pod = null;
        if (ip != null) {
            if (identity == 0) identity = resolver.identityOf(ip).orElse(0);
            Optional<EndpointResolver.PodName> pn = resolver.podOf(ip);
            if (pn.isPresent()) {
                ns = pn.get().namespace();
                pod = pn.get().name();
            }
        }
        return new Flow.Endpoint(0, identity, null, ns, sortAndFilter(resolver.labelsOf(identity), identity), pod, null);
    }

    /** hubble's SortAndFilterLabels: sorted; cidr: labels dropped for node-local identities. */
    static List<String> sortAndFilter(List<String> labels, int identity) {
        if (labels == null || labels.isEmpty()) return List.of();
        List<String> l = new ArrayList<>(labels.size());
        boolean local = ReservedIdentity.isLocalScope(identity);
        for (String s : labels) if (!local || !s.startsWith("cidr:")) l.add(s);
        Collections.sort(l);
        return l;
    }
}
