package dev.cil.cli.command.net;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cil.cli.output.Text;
import dev.cil.cli.output.View;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code net show} as bpftool 7.3+ prints it: the sections {@code xdp:}, {@code tc:} (tcx and netkit
 * chains, then classic tc filters, per device), {@code flow_dissector:} and {@code netfilter:}.
 */
public record NetView(List<Xdp> xdp, List<Tc> tc, Integer flowDissectorId, List<Netfilter> netfilter) implements View {

    /** One device with XDP: one program, or several modes at once ({@code multi_attachments}). */
    public record Xdp(String devname, int ifindex, List<String[]> modes) { }

    /** A tc-section line: a tcx/netkit chain member ({@code progId}) or a classic filter ({@code filterId}). */
    public record Tc(String devname, int ifindex, String kind, String name, boolean tcx, int progId, List<Integer> progFlags,
                     int linkId, List<Integer> linkFlags, List<String[]> actions) { }

    public record Netfilter(int pf, int hook, int prio, int flags, int progId, String plain) { }

    @Override
    public void text(PrintWriter out) {
        StringBuilder b = new StringBuilder(512);
        b.append("xdp:\n");
        for (Xdp x : xdp) {
            if (x.devname() != null) b.append(Text.safe(x.devname()));
            b.append('(').append(Text.unsigned(x.ifindex())).append(')');
            for (String[] m : x.modes()) b.append(' ').append(m[0]).append(" id ").append(m[1]);
            b.append('\n');
        }
        b.append("\ntc:\n");
        for (Tc t : tc) {
            if (!t.devname().isEmpty()) b.append(Text.safe(t.devname()));
            b.append('(').append(Text.unsigned(t.ifindex())).append(") ").append(t.kind());
            if (t.tcx()) {
                if (t.name() != null) b.append(' ').append(Text.safe(t.name()));
                b.append(" prog_id ").append(Text.unsigned(t.progId())).append(' ');
                if (!t.progFlags().isEmpty()) {
                    b.append("prog_flags ");
                    for (int f : t.progFlags()) b.append(Integer.toUnsignedString(f)).append(' ');
                }
                if (t.linkId() != 0) {
                    b.append("link_id ").append(Text.unsigned(t.linkId())).append(' ');
                    if (!t.linkFlags().isEmpty()) {
                        b.append("link_flags ");
                        for (int f : t.linkFlags()) b.append(Integer.toUnsignedString(f)).append(' ');
                    }
                }
            } else {
                if (t.name() != null) b.append(' ').append(Text.safe(t.name()));
                b.append(" id ").append(Text.unsigned(t.progId()));
                if (t.actions() != null) {
                    b.append(" act [");
                    for (String[] a : t.actions()) {
                        b.append('{');
                        if (a[0] != null) b.append(Text.safe(a[0]));
                        if (a[1] != null) b.append(" id ").append(a[1]);
                        b.append('}');
                    }
                    b.append("] ");
                }
            }
            b.append('\n');
        }
        b.append("\nflow_dissector:\n");
        if (flowDissectorId != null) b.append("id ").append(Text.unsigned(flowDissectorId));
        b.append("\nnetfilter:\n");
        for (Netfilter n : netfilter) b.append(n.plain()).append(" prog_id ").append(Text.unsigned(n.progId()));
        b.append('\n');
        out.print(b);
    }

    @Override
    public void json(JsonGenerator g) throws IOException {
        g.writeStartArray();
        g.writeStartObject();
        g.writeArrayFieldStart("xdp");
        for (Xdp x : xdp) {
            g.writeStartObject();
            if (x.devname() != null) g.writeStringField("devname", x.devname());
            g.writeNumberField("ifindex", Integer.toUnsignedLong(x.ifindex()));
            if (x.modes().size() == 1) {
                g.writeStringField("mode", x.modes().get(0)[0]);
                g.writeNumberField("id", Long.parseLong(x.modes().get(0)[1]));
            } else {
                g.writeArrayFieldStart("multi_attachments");
                for (String[] m : x.modes()) {
                    g.writeStartObject();
                    g.writeStringField("mode", m[0]);
                    g.writeNumberField("id", Long.parseLong(m[1]));
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("tc");
        for (Tc t : tc) {
            g.writeStartObject();
            if (!t.devname().isEmpty()) g.writeStringField("devname", t.devname());
            g.writeNumberField("ifindex", Integer.toUnsignedLong(t.ifindex()));
            g.writeStringField("kind", t.kind());
            if (t.name() != null) g.writeStringField("name", t.name());
            if (t.tcx()) {
                g.writeNumberField("prog_id", Integer.toUnsignedLong(t.progId()));
                g.writeArrayFieldStart("prog_flags");
                for (int f : t.progFlags()) g.writeNumber(Integer.toUnsignedLong(f));
                g.writeEndArray();
                g.writeNumberField("link_id", Integer.toUnsignedLong(t.linkId()));
                g.writeArrayFieldStart("link_flags");
                for (int f : t.linkFlags()) g.writeNumber(Integer.toUnsignedLong(f));
                g.writeEndArray();
            } else {
                g.writeNumberField("id", Integer.toUnsignedLong(t.progId()));
                if (t.actions() != null) {
                    g.writeArrayFieldStart("act");
                    for (String[] a : t.actions()) {
                        g.writeStartObject();
                        if (a[0] != null) g.writeStringField("name", a[0]);
                        if (a[1] != null) g.writeNumberField("id", Long.parseLong(a[1]));
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("flow_dissector");
        if (flowDissectorId != null) {
            g.writeStartObject();
            g.writeNumberField("id", Integer.toUnsignedLong(flowDissectorId));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("netfilter");
        for (Netfilter n : netfilter) {
            g.writeStartObject();
            g.writeNumberField("pf", Integer.toUnsignedLong(n.pf()));
            g.writeNumberField("hook", Integer.toUnsignedLong(n.hook()));
            g.writeNumberField("prio", n.prio());
            g.writeNumberField("flags", Integer.toUnsignedLong(n.flags()));
            g.writeNumberField("id", Integer.toUnsignedLong(n.progId()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
    }
}
