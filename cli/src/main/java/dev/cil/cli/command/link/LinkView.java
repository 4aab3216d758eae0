package dev.cil.cli.command.link;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cil.bpf.AttachType;
import dev.cil.bpf.LinkInfo;
import dev.cil.bpf.LinkType;
import dev.cil.bpf.ProgramType;
import dev.cil.cli.output.Text;
import dev.cil.cli.output.View;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * One link as bpftool 7.3+ prints it ({@code 23: tcx  prog 1312  } / {@code \tifindex lxc…(10)  attach_type
 * tcx_ingress  }); bpftool 7.1 knows neither tcx nor netkit nor the ifindex lines.
 * {@code devname} is resolved in the caller's network namespace; {@code progType} only for tracing links.
 */
public record LinkView(LinkInfo info, String devname, Integer progType, List<String> pinned) implements View {

    private static final String[] PF = {null, "inet", "ip", "arp", null, "netdev", null, "bridge", null, null, "ip6"};
    private static final String[] INET_HOOKS = {"prerouting", "input", "forward", "output", "postrouting"};
    private static final String[] ARP_HOOKS = {"input", "output"};

    private String ifindexText() {
        if (info.ifindex() == 0) return "(detached)";
        return devname == null ? "(unknown)" : devname + "(" + Text.unsigned(info.ifindex()) + ")";
    }

    private static String attachText(int t) {
        return AttachType.of(t) != null ? AttachType.nameOf(t) : Text.unsigned(t);
    }

    @Override
    public void text(PrintWriter out) {
        StringBuilder b = new StringBuilder(128);
        b.append(Text.unsigned(info.id().value())).append(": ").append(info.typeName()).append("  ");
        LinkType t = info.linkType();
        if (t == LinkType.STRUCT_OPS) b.append("map ").append(Text.unsigned(info.mapId())).append("  ");
        else b.append("prog ").append(Text.unsigned(info.progId().value())).append("  ");
        if (t != null) {
            switch (t) {
                case RAW_TRACEPOINT:
                    b.append("\n\ttp '").append(Text.safe(info.tpName())).append("'  ");
                    if (info.cookie() != 0) b.append("cookie ").append(Text.unsigned(info.cookie())).append("  ");
                    break;
                case TRACING:
                    b.append("\n\tprog_type ").append(progType == null ? "0" : ProgramType.nameOf(progType)).append("  ");
                    b.append("attach_type ").append(attachText(info.attachType())).append("  ");
                    if (info.targetObjId() != 0 || info.targetBtfId() != 0) {
                        b.append("\n\ttarget_obj_id ").append(Text.unsigned(info.targetObjId())).append("  target_btf_id ")
                                .append(Text.unsigned(info.targetBtfId())).append("  ");
                    }
                    if (info.cookie() != 0) b.append("\n\tcookie ").append(Text.unsigned(info.cookie())).append("  ");
                    break;
                case CGROUP:
                    b.append("\n\tcgroup_id ").append(Text.unsigned(info.cgroupId())).append("  ");
                    b.append("attach_type ").append(attachText(info.attachType())).append("  ");
                    break;
                case NETNS:
                    b.append("\n\tnetns_ino ").append(Text.unsigned(info.netnsIno())).append("  ");
                    b.append("attach_type ").append(attachText(info.attachType())).append("  ");
                    break;
                case NETFILTER:
                    b.append(netfilterPlain(info));
                    break;
                case TCX: case NETKIT:
                    b.append("\n\tifindex ").append(ifindexText()).append("  ");
                    b.append("attach_type ").append(attachText(info.attachType())).append("  ");
                    break;
                case SOCKMAP:
                    b.append("\n\tmap_id ").append(Text.unsigned(info.mapId())).append("  ");
                    b.append("attach_type ").append(attachText(info.attachType())).append("  ");
                    break;
                case XDP:
                    b.append("\n\tifindex ").append(ifindexText()).append("  ");
                    break;
                default:
                    break;
            }
        }
        for (String p : pinned) b.append("\n\tpinned ").append(Text.safe(p));
        b.append('\n');
        out.print(b);
    }

    /** bpftool's netfilter_dump_plain: {@code \n\tip input prio 1[ flags 0x1]}. */
    public static String netfilterPlain(LinkInfo info) {
        StringBuilder b = new StringBuilder();
        int pf = info.netfilterPf(), hook = info.netfilterHooknum();
        String pfName = pf >= 0 && pf < PF.length ? PF[pf] : null;
        String hookName = null;
        if (pf == 7 || pf == 2 || pf == 10 || pf == 1) hookName = hook >= 0 && hook < INET_HOOKS.length ? INET_HOOKS[hook] : null;
        else if (pf == 3) hookName = hook >= 0 && hook < ARP_HOOKS.length ? ARP_HOOKS[hook] : null;
        if (pfName != null) b.append("\n\t").append(pfName);
        else b.append("\n\tpf: ").append(Text.unsigned(pf));
        if (hookName != null) b.append(' ').append(hookName);
        else b.append(", hook ").append(Text.unsigned(hook)).append(',');
        b.append(" prio ").append(info.netfilterPriority());
        if (info.netfilterFlags() != 0) b.append(" flags 0x").append(Integer.toHexString(info.netfilterFlags()));
        return b.toString();
    }

    private static void attachJson(JsonGenerator g, int t) throws IOException {
        if (AttachType.of(t) != null) g.writeStringField("attach_type", AttachType.nameOf(t));
        else g.writeNumberField("attach_type", Integer.toUnsignedLong(t));
    }

    private void ifindexJson(JsonGenerator g) throws IOException {
        g.writeStringField("devname", info.ifindex() == 0 ? "(detached)" : devname == null ? "(unknown)" : devname);
        g.writeNumberField("ifindex", Integer.toUnsignedLong(info.ifindex()));
    }

    @Override
    public void json(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", Integer.toUnsignedLong(info.id().value()));
        if (info.linkType() != null) g.writeStringField("type", info.typeName());
        else g.writeNumberField("type", Integer.toUnsignedLong(info.type()));
        g.writeNumberField("prog_id", Integer.toUnsignedLong(info.progId().value()));
        LinkType t = info.linkType();
        if (t != null) {
            switch (t) {
                case RAW_TRACEPOINT:
                    g.writeStringField("tp_name", info.tpName());
                    g.writeNumberField("cookie", info.cookie());
                    break;
                case TRACING:
                    if (progType != null && ProgramType.of(progType) != null) g.writeStringField("prog_type", ProgramType.nameOf(progType));
                    else g.writeNumberField("prog_type", progType == null ? 0 : Integer.toUnsignedLong(progType));
                    attachJson(g, info.attachType());
                    g.writeNumberField("target_obj_id", Integer.toUnsignedLong(info.targetObjId()));
                    g.writeNumberField("target_btf_id", Integer.toUnsignedLong(info.targetBtfId()));
                    g.writeNumberField("cookie", info.cookie());
                    break;
                case CGROUP:
                    g.writeNumberField("cgroup_id", info.cgroupId());
                    attachJson(g, info.attachType());
                    break;
                case NETNS:
                    g.writeNumberField("netns_ino", Integer.toUnsignedLong(info.netnsIno()));
                    attachJson(g, info.attachType());
                    break;
                case NETFILTER:
                    g.writeNumberField("pf", Integer.toUnsignedLong(info.netfilterPf()));
                    g.writeNumberField("hook", Integer.toUnsignedLong(info.netfilterHooknum()));
                    g.writeNumberField("prio", info.netfilterPriority());
                    g.writeNumberField("flags", Integer.toUnsignedLong(info.netfilterFlags()));
                    break;
                case TCX: case NETKIT:
                    ifindexJson(g);
                    attachJson(g, info.attachType());
                    break;
                case SOCKMAP:
                    g.writeNumberField("map_id", Integer.toUnsignedLong(info.mapId()));
                    attachJson(g, info.attachType());
                    break;
                case XDP:
                    ifindexJson(g);
                    break;
                case STRUCT_OPS:
                    g.writeNumberField("map_id", Integer.toUnsignedLong(info.mapId()));
                    break;
                default:
                    break;
            }
        }
        if (!pinned.isEmpty()) {
            g.writeArrayFieldStart("pinned");
            for (String p : pinned) g.writeString(p);
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
