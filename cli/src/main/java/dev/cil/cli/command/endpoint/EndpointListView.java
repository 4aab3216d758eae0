package dev.cil.cli.command.endpoint;

import dev.cil.api.Endpoint;
import dev.cil.cli.output.TabWriter;
import dev.cil.cli.output.Text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** cilium-dbg {@code endpoint list} text (formats.md §8): tabwriter (5,0,3), two header lines, one label per line. */
public final class EndpointListView {
    private EndpointListView() { }

    public static String text(List<Endpoint> eps, boolean noHeaders) {
        TabWriter w = TabWriter.lists();
        if (!noHeaders) {
            w.print("ENDPOINT\tPOLICY (ingress)\tPOLICY (egress)\tIDENTITY\tLABELS (source:key[=value])\tIPv6\tIPv4\tSTATUS\t\n");
            // 7 tabs, one fewer than the other lines: it splits the STATUS column (as cilium-dbg prints it)
            w.print("\tENFORCEMENT\tENFORCEMENT\t\t\t\t\t\n");
        }
        List<Endpoint> sorted = new ArrayList<>(eps);
        sorted.sort(Comparator.comparingLong(Endpoint::id));
        for (Endpoint ep : sorted) row(w, ep);
        return w.format();
    }

    private static void row(TabWriter w, Endpoint ep) {
        Endpoint.Status st = ep.status();
        String identity = st != null && st.identity() != null ? Long.toString(st.identity().id()) : "<no label id>";
        String[] policy = policy(st);
        String ipv4 = "Unknown";
        if (st != null && st.networking() != null) {
            List<Endpoint.Address> a = st.networking().addressing();
            ipv4 = a == null || a.isEmpty() ? "No address" : a.get(0).ipv4() == null ? "" : a.get(0).ipv4();
        }
        String state = st == null || st.state() == null ? "Unknown" : st.state();
        List<String> labels = new ArrayList<>();
        if (st != null && st.labels() != null && st.labels().securityRelevant() != null) labels.addAll(st.labels().securityRelevant());
        Collections.sort(labels);
        if (labels.isEmpty()) labels.add("no labels");
        boolean first = true;
        for (String l : labels) {
            if (first) {
                w.print(ep.id() + "\t" + policy[0] + "\t" + policy[1] + "\t" + identity + "\t" + Text.safe(l) + "\t" + "" + "\t"
                        + ipv4 + "\t" + state + "\t\n");
                first = false;
            } else {
                w.print("\t\t\t\t" + Text.safe(l) + "\t\t\t\t\n");
            }
        }
    }

    private static String[] policy(Endpoint.Status st) {
        String p = st == null || st.policy() == null || st.policy().realized() == null ? null
                : st.policy().realized().policyEnabled();
        if (p == null) return new String[] {"Unknown", "Unknown"};
        switch (p) {
            case "none": return new String[] {"Disabled", "Disabled"};
            case "ingress": return new String[] {"Enabled", "Disabled"};
            case "egress": return new String[] {"Disabled", "Enabled"};
            case "both": return new String[] {"Enabled", "Enabled"};
            case "audit-ingress": return new String[] {"Disabled (Audit)", "Disabled"};
            case "audit-egress": return new String[] {"Disabled", "Disabled (Audit)"};
            case "audit-both": return new String[] {"Disabled (Audit)", "Disabled (Audit)"};
            default: return new String[] {"Unknown", "Unknown"};
        }
    }
}
