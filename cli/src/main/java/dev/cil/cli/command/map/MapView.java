package dev.cil.cli.command.map;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cil.bpf.MapInfo;
import dev.cil.bpf.MapType;
import dev.cil.bpf.ProgramType;
import dev.cil.cli.output.Text;
import dev.cil.cli.output.View;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** One map as {@code bpftool map show} prints it. */
public record MapView(MapInfo info, List<String> pinned) implements View {

    /** Line 1 of the text form: {@code ID: TYPE  name NAME  flags 0xF}. */
    String header() {
        StringBuilder b = new StringBuilder(96);
        b.append(Text.unsigned(info.id().value())).append(": ").append(info.typeName()).append("  ");
        if (!info.name().isEmpty()) b.append("name ").append(Text.safe(info.name())).append("  ");
        b.append("flags 0x").append(Integer.toHexString(info.flags()));
        if (info.ifindex() != 0) {
            b.append("  offloaded_to ifindex ").append(Text.unsigned(info.ifindex())).append(" ns_dev ")
                    .append(Text.unsigned(info.netnsDev())).append(" ns_ino ").append(Text.unsigned(info.netnsIno()));
        }
        return b.toString();
    }

    @Override
    public void text(PrintWriter out) {
        StringBuilder b = new StringBuilder(200).append(header()).append('\n');
        b.append("\tkey ").append(Text.unsigned(info.keySize())).append("B  value ").append(Text.unsigned(info.valueSize()))
                .append("B  max_entries ").append(Text.unsigned(info.maxEntries()));
        if (info.memlock() >= 0) b.append("  memlock ").append(info.memlock()).append('B');
        if (info.type() == MapType.PROG_ARRAY.number() && (info.ownerProgType() != null || info.ownerJited() != null)) {
            b.append("\n\t");
            if (info.ownerProgType() != null) b.append("owner_prog_type ").append(ProgramType.nameOf(info.ownerProgType())).append("  ");
            if (info.ownerJited() != null) b.append(info.ownerJited() ? "owner jited" : "owner not jited");
        }
        for (String p : pinned) b.append("\n\tpinned ").append(Text.safe(p));
        if (info.btfId() != 0 || info.frozen()) b.append("\n\t");
        if (info.btfId() != 0) b.append("btf_id ").append(Text.unsigned(info.btfId()));
        if (info.frozen()) b.append(info.btfId() != 0 ? "  frozen" : "frozen");
        b.append('\n');
        out.print(b);
    }

    /** bpftool's map header fields in JSON: id, type, name, flags. */
    void jsonHeader(JsonGenerator g) throws IOException {
        g.writeNumberField("id", Integer.toUnsignedLong(info.id().value()));
        if (MapType.of(info.type()) != null) g.writeStringField("type", info.typeName());
        else g.writeNumberField("type", Integer.toUnsignedLong(info.type()));
        if (!info.name().isEmpty()) g.writeStringField("name", info.name());
        g.writeNumberField("flags", Integer.toUnsignedLong(info.flags()));
    }

    @Override
    public void json(JsonGenerator g) throws IOException {
        g.writeStartObject();
        jsonHeader(g);
        if (info.ifindex() != 0) {
            g.writeObjectFieldStart("dev");
            g.writeNumberField("ifindex", Integer.toUnsignedLong(info.ifindex()));
            g.writeNumberField("ns_dev", info.netnsDev());
            g.writeNumberField("ns_inode", info.netnsIno());
            g.writeEndObject();
        }
        g.writeNumberField("bytes_key", Integer.toUnsignedLong(info.keySize()));
        g.writeNumberField("bytes_value", Integer.toUnsignedLong(info.valueSize()));
        g.writeNumberField("max_entries", Integer.toUnsignedLong(info.maxEntries()));
        if (info.memlock() >= 0) g.writeNumberField("bytes_memlock", info.memlock());
        if (info.type() == MapType.PROG_ARRAY.number()) {
            if (info.ownerProgType() != null) {
                if (ProgramType.of(info.ownerProgType()) != null) g.writeStringField("owner_prog_type", ProgramType.nameOf(info.ownerProgType()));
                else g.writeNumberField("owner_prog_type", Integer.toUnsignedLong(info.ownerProgType()));
            }
            if (info.ownerJited() != null) g.writeBooleanField("owner_jited", info.ownerJited());
        }
        g.writeNumberField("frozen", info.frozen() ? 1 : 0);
        if (info.btfId() != 0) g.writeNumberField("btf_id", Integer.toUnsignedLong(info.btfId()));
        if (!pinned.isEmpty()) {
            g.writeArrayFieldStart("pinned");
            for (String p : pinned) g.writeString(p);
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
