package dev.cil.cli.command.status;

import dev.cil.api.StatusResponse;
import dev.cil.cli.output.TabWriter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code status} text as cilium-dbg's {@code FormatStatusResponse} prints the sections cil has
 * (formats.md §7): one tabwriter {@code (2,0,3)}; the allocated addresses and the controller and BPF map
 * sub-tables are lines without tabs, so they split the outer column blocks exactly as in Go.
 */
public final class StatusView {
    private StatusView() { }

    /** What to print in detail ({@code --verbose} turns on all). */
    public record Details(boolean allAddresses, boolean allControllers, boolean bpfMaps, boolean clockSource) {
        public static final Details NONE = new Details(false, false, false, false);
        public static final Details ALL = new Details(true, true, true, true);
    }

    public static String text(StatusResponse sr, Details d, Instant now) {
        TabWriter w = TabWriter.status();
        if (sr.kvstore() != null) w.print("KVStore:\t" + nz(sr.kvstore().state()) + "\t" + nz(sr.kvstore().msg()) + "\n");
        if (sr.kubernetes() != null) w.print("Kubernetes:\t" + nz(sr.kubernetes().state()) + "\t" + nz(sr.kubernetes().msg()) + "\n");
        if (sr.hostFirewall() != null) {
            w.print("Host firewall:\t" + nz(sr.hostFirewall().mode()));
            w.print("\n");
        }
        if (sr.cilium() != null) w.print("Cilium:\t" + nz(sr.cilium().state()) + "   " + nz(sr.cilium().msg()) + "\n");
        if (sr.nodeMonitor() == null) w.print("NodeMonitor:\tDisabled\n");
        else w.print("NodeMonitor:\tListening for events on " + sr.nodeMonitor().cpus() + " CPUs with " + sr.nodeMonitor().npages()
                + "x" + sr.nodeMonitor().pagesize() + " of shared memory\n");
        if (sr.ipam() != null) {
            w.print("IPAM:\t" + nz(sr.ipam().status()) + "\n");
            if (d.allAddresses()) {
                w.print("Allocated addresses:\n");
                List<String> out = new ArrayList<>();
                Map<String, String> a = sr.ipam().allocations() == null ? Map.of() : sr.ipam().allocations();
                for (Map.Entry<String, String> e : a.entrySet()) out.add("  " + e.getKey() + " (" + e.getValue() + ")");
                Collections.sort(out);   // as whole strings, as cilium-dbg does
                for (String l : out) w.print(l + "\n");
            }
        }
        if (sr.ipv4BigTcp() != null) w.print("IPv4 BIG TCP:\t" + (sr.ipv4BigTcp().enabled() ? "Enabled" : "Disabled") + "\n");
        if (sr.ipv6BigTcp() != null) w.print("IPv6 BIG TCP:\t" + (sr.ipv6BigTcp().enabled() ? "Enabled" : "Disabled") + "\n");
        if (sr.bandwidthManager() != null) w.print("BandwidthManager:\t" + (sr.bandwidthManager().enabled() ? "Enabled" : "Disabled") + "\n");
        if (sr.routing() != null) {
            String s = "Network: " + sr.routing().interHostRoutingMode();
            if ("Tunnel".equals(sr.routing().interHostRoutingMode())) s += " [" + sr.routing().tunnelProtocol() + "]";
            w.print("Routing:\t" + s + "\tHost: " + sr.routing().intraHostRoutingMode() + "\n");
        }
        if (sr.attachMode() != null && !sr.attachMode().isEmpty()) {
            w.print("Attach Mode:\t" + ("tcx".equals(sr.attachMode()) ? "TCX" : "Legacy TC") + "\n");
        }
        if (sr.datapathMode() != null && !sr.datapathMode().isEmpty()) {
            String m = sr.datapathMode();
            w.print("Device Mode:\t" + (m.equals("veth") || m.equals("netkit") || m.equals("netkit-l2") ? m : "?") + "\n");
        }
        if (sr.masquerading() != null) w.print("Masquerading:\t" + (sr.masquerading().enabled() ? "Enabled" : "Disabled") + "\n");
        if (d.clockSource() && sr.clockSource() != null) w.print("Clock Source for BPF:\t" + sr.clockSource().mode() + "\n");
        if (sr.controllers() != null) controllers(w, sr.controllers(), d.allControllers(), now);
        w.print("Proxy Status:\tNo managed proxy redirect\n");
        if (sr.identityRange() != null) {
            w.print("Global Identity Range:\tmin " + sr.identityRange().minIdentity() + ", max " + sr.identityRange().maxIdentity() + "\n");
        } else {
            w.print("Global Identity Range:\tUnknown\n");
        }
        if (sr.hubble() != null) {
            // as cilium-dbg: state [msg], then the observer's counters in their own column
            String st = nz(sr.hubble().state());
            if (sr.hubble().msg() != null && !sr.hubble().msg().isEmpty()) st += " " + sr.hubble().msg();
            StatusResponse.Observer o = sr.hubble().observer();
            if (o != null) {
                List<String> obs = new ArrayList<>();
                if (o.maxFlows() > 0) {
                    obs.add(String.format(java.util.Locale.ROOT, "Current/Max Flows: %d/%d (%.2f%%)", o.currentFlows(), o.maxFlows(),
                            100.0 * o.currentFlows() / o.maxFlows()));
                }
                if (o.uptime() > 0) obs.add(String.format(java.util.Locale.ROOT, "Flows/s: %.2f", o.seenFlows() / (o.uptime() / 1e9)));
                st += "\t" + String.join(", ", obs);
            }
            w.print("Hubble:\t" + st + "\n");
        }
        if (d.bpfMaps() && sr.bpfMaps() != null) {
            double r = sr.bpfMaps().dynamicSizeRatio();
            w.print("BPF Maps:\tdynamic sizing: " + (r > 0 && r <= 1 ? String.format("on (ratio: %f)", r) : "off") + "\n");
            TabWriter t = new TabWriter(0, 0, 3, ' ', 0);
            t.print("  Name\tSize\n");
            if (sr.bpfMaps().maps() != null) for (StatusResponse.MapSize m : sr.bpfMaps().maps()) t.print("  " + m.name() + "\t" + m.size() + "\n");
            w.print(t.format());
        }
        if (sr.encryption() != null) w.print("Encryption:\t" + nz(sr.encryption().mode()) + "\t\n");
        return w.format();
    }

    private static void controllers(TabWriter w, List<StatusResponse.Controller> cs, boolean all, Instant now) {
        int failing = 0;
        List<String> out = new ArrayList<>();
        out.add("  Name\tLast success\tLast error\tCount\tMessage\n");
        for (StatusResponse.Controller c : cs) {
            StatusResponse.ControllerRuns s = c.status();
            if (s == null) continue;
            if (s.consecutiveFailureCount() > 0) failing++;
            else if (!all) continue;
            String err = s.lastFailureMsg() == null || s.lastFailureMsg().isEmpty() ? "no error" : s.lastFailureMsg();
            out.add("  " + c.name() + "\t" + since(s.lastSuccessTimestamp(), now) + "\t" + since(s.lastFailureTimestamp(), now)
                    + "\t" + s.consecutiveFailureCount() + "\t" + err + "\t\n");
        }
        w.print("Controller Status:\t" + (cs.size() - failing) + "/" + cs.size() + " healthy\n");
        if (out.size() > 1) {
            TabWriter t = new TabWriter(0, 0, 3, ' ', 0);
            Collections.sort(out);
            for (String s : out) t.print(s);
            w.print(t.format());
        }
    }

    /** Go's {@code time.Since(t).Truncate(time.Second).String() + " ago"}, {@code never} for no time. */
    static String since(String timestamp, Instant now) {
        if (timestamp == null || timestamp.isEmpty()) return "never";
        try {
            return goDuration(Duration.between(Instant.parse(timestamp), now).getSeconds()) + " ago";
        } catch (RuntimeException e) {
            return "never";
        }
    }

    /** Go's {@code Duration.String()} of whole seconds: {@code 0s}, {@code 54s}, {@code 3m20s}, {@code 1h0m5s}. */
    static String goDuration(long seconds) {
        if (seconds < 0) return "-" + goDuration(-seconds);
        long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
        if (h > 0) return h + "h" + m + "m" + s + "s";
        if (m > 0) return m + "m" + s + "s";
        return s + "s";
    }

    /** cilium-dbg {@code --brief}: {@code OK}, or the first component that is not. */
    public static String brief(StatusResponse sr) {
        if (sr.cilium() != null && !ok(sr.cilium().state())) return "error in cilium: " + sr.cilium().msg();
        if (sr.kvstore() != null && !ok(sr.kvstore().state())) return "error in kvstore: " + sr.kvstore().msg();
        if (sr.kubernetes() != null && !ok(sr.kubernetes().state())) return "error in kubernetes: " + sr.kubernetes().msg();
        return "OK";
    }

    /** Whether the node is healthy (Cilium: any state other than Ok or Disabled is an error). */
    public static boolean healthy(StatusResponse sr) { return "OK".equals(brief(sr)); }

    private static boolean ok(String state) { return StatusResponse.OK.equals(state) || StatusResponse.DISABLED.equals(state); }

    private static String nz(String s) { return s == null ? "" : s; }
}
