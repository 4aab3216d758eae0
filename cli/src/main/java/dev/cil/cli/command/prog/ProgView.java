package dev.cil.cli.command.prog;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cil.bpf.ProgramInfo;
import dev.cil.bpf.ProgramType;
import dev.cil.cli.output.Text;
import dev.cil.cli.output.View;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One program as {@code bpftool prog show} prints it: text lines and JSON keys in bpftool's order
 * (including {@code orphaned}, which bpftool 7.3+ prints and 7.1 does not), and the program's
 * {@code bpf_metadata_*} variables under {@code metadata}.
 */
public record ProgView(ProgramInfo info, long loadedAtEpochSeconds, List<String> pinned, ProgMetadata metadata) implements View {
    static final DateTimeFormatter LOADED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    @Override
    public void text(PrintWriter out) {
        StringBuilder b = new StringBuilder(256);
        appendHeader(b, info);
        if (info.loadTimeNs() != 0) {
            b.append("\tloaded_at ")
                    .append(LOADED_AT.format(Instant.ofEpochSecond(loadedAtEpochSeconds).atZone(ZoneId.systemDefault())))
                    .append("  uid ").append(Text.unsigned(info.uid())).append('\n');
        }
        b.append("\txlated ").append(Text.unsigned(info.xlatedLen())).append('B');
        if (info.jitedLen() != 0) b.append("  jited ").append(Text.unsigned(info.jitedLen())).append('B');
        else b.append("  not jited");
        if (info.memlock() >= 0) b.append("  memlock ").append(info.memlock()).append('B');
        if (info.orphaned()) b.append("  orphaned");
        if (info.mapIds().length > 0) {
            b.append("  map_ids ");
            for (int i = 0; i < info.mapIds().length; i++) {
                if (i > 0) b.append(',');
                b.append(Text.unsigned(info.mapIds()[i]));
            }
        }
        for (String p : pinned) b.append("\n\tpinned ").append(Text.safe(p));
        if (info.btfId() != 0) b.append("\n\tbtf_id ").append(Text.unsigned(info.btfId()));
        b.append('\n');
        if (!metadata.isEmpty()) {
            b.append("\tmetadata:");
            for (ProgMetadata.Entry e : metadata.entries()) b.append("\n\t\t").append(e.name()).append(" = ").append(e.text());
            b.append('\n');
        }
        out.print(b);
    }

    @Override
    public void json(JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeHeaderFields(g, info);
        if (info.ifindex() != 0) {
            g.writeObjectFieldStart("dev");
            g.writeNumberField("ifindex", Integer.toUnsignedLong(info.ifindex()));
            writeUnsigned(g, "ns_dev", info.netnsDev());
            writeUnsigned(g, "ns_inode", info.netnsIno());
            g.writeEndObject();
        }
        if (info.loadTimeNs() != 0) {
            g.writeNumberField("loaded_at", loadedAtEpochSeconds);
            g.writeNumberField("uid", Integer.toUnsignedLong(info.uid()));
        }
        g.writeBooleanField("orphaned", info.orphaned());
        g.writeNumberField("bytes_xlated", Integer.toUnsignedLong(info.xlatedLen()));
        g.writeBooleanField("jited", info.jitedLen() != 0);
        if (info.jitedLen() != 0) g.writeNumberField("bytes_jited", Integer.toUnsignedLong(info.jitedLen()));
        if (info.memlock() >= 0) g.writeNumberField("bytes_memlock", info.memlock());
        if (info.mapIds().length > 0) {
            g.writeArrayFieldStart("map_ids");
            for (int id : info.mapIds()) g.writeNumber(Integer.toUnsignedLong(id));
            g.writeEndArray();
        }
        if (info.btfId() != 0) g.writeNumberField("btf_id", Integer.toUnsignedLong(info.btfId()));
        if (!pinned.isEmpty()) {
            g.writeArrayFieldStart("pinned");
            for (String p : pinned) g.writeString(p);
            g.writeEndArray();
        }
        if (!metadata.isEmpty()) {
            g.writeObjectFieldStart("metadata");
            for (ProgMetadata.Entry e : metadata.entries()) {
                g.writeFieldName(e.name());
                g.writeRawValue(e.json());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * The first line bpftool prints for a program (also above each program of a multi-program
     * {@code prog dump}): id, type, name, tag, offload device, gpl, run time, recursion misses.
     */
    static void appendHeader(StringBuilder b, ProgramInfo info) {
        b.append(Text.unsigned(info.id().value())).append(": ").append(info.typeName()).append("  ");
        if (!info.name().isEmpty()) b.append("name ").append(Text.safe(info.fullName())).append("  ");
        b.append("tag ").append(info.tagHex());
        if (info.ifindex() != 0) {
            b.append("  offloaded_to ifindex ").append(Text.unsigned(info.ifindex())).append(" ns_dev ")
                    .append(Text.unsigned(info.netnsDev())).append(" ns_ino ").append(Text.unsigned(info.netnsIno()));
        }
        if (info.gplCompatible()) b.append("  gpl");
        if (info.runTimeNs() != 0) {
            b.append(" run_time_ns ").append(Text.unsigned(info.runTimeNs())).append(" run_cnt ").append(Text.unsigned(info.runCnt()));
        }
        if (info.recursionMisses() != 0) b.append(" recursion_misses ").append(Text.unsigned(info.recursionMisses()));
        b.append('\n');
    }

    /** The JSON keys of that first line ({@code prog dump} of several programs puts them before {@code insns}). */
    static void writeHeaderFields(JsonGenerator g, ProgramInfo info) throws IOException {
        g.writeNumberField("id", Integer.toUnsignedLong(info.id().value()));
        if (ProgramType.of(info.type()) != null) g.writeStringField("type", info.typeName());
        else g.writeNumberField("type", Integer.toUnsignedLong(info.type()));
        if (!info.name().isEmpty()) g.writeStringField("name", info.fullName());
        g.writeStringField("tag", info.tagHex());
        g.writeBooleanField("gpl_compatible", info.gplCompatible());
        if (info.runTimeNs() != 0) {
            writeUnsigned(g, "run_time_ns", info.runTimeNs());
            writeUnsigned(g, "run_cnt", info.runCnt());
        }
        if (info.recursionMisses() != 0) writeUnsigned(g, "recursion_misses", info.recursionMisses());
    }

    static void writeUnsigned(JsonGenerator g, String name, long v) throws IOException {
        if (v >= 0) g.writeNumberField(name, v);
        else g.writeNumberField(name, new java.math.BigInteger(Long.toUnsignedString(v)));
    }
}
