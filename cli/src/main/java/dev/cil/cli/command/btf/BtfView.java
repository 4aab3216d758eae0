package dev.cil.cli.command.btf;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cil.bpf.BtfInfo;
import dev.cil.cli.output.Text;
import dev.cil.cli.output.View;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** One BTF object as {@code bpftool btf show} prints it; id lists in bpftool's hashmap order (see BtfShowCommand.users). */
public record BtfView(BtfInfo info, List<Integer> progIds, List<Integer> mapIds) implements View {
    @Override
    public void text(PrintWriter out) {
        StringBuilder b = new StringBuilder(96);
        b.append(Text.unsigned(info.id().value())).append(": ");
        if (info.kernel()) b.append("name [").append(Text.safe(info.name())).append("]  ");
        else if (!info.name().isEmpty()) b.append("name ").append(Text.safe(info.name())).append("  ");
        else b.append("name <anon>  ");
        b.append("size ").append(Text.unsigned(info.size())).append('B');
        for (int i = 0; i < progIds.size(); i++) b.append(i == 0 ? "  prog_ids " : ",").append(Text.unsigned(progIds.get(i)));
        for (int i = 0; i < mapIds.size(); i++) b.append(i == 0 ? "  map_ids " : ",").append(Text.unsigned(mapIds.get(i)));
        b.append('\n');
        out.print(b);
    }

    @Override
    public void json(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", Integer.toUnsignedLong(info.id().value()));
        g.writeNumberField("size", Integer.toUnsignedLong(info.size()));
        g.writeArrayFieldStart("prog_ids");
        for (int id : progIds) g.writeNumber(Integer.toUnsignedLong(id));
        g.writeEndArray();
        g.writeArrayFieldStart("map_ids");
        for (int id : mapIds) g.writeNumber(Integer.toUnsignedLong(id));
        g.writeEndArray();
        g.writeBooleanField("kernel", info.kernel());
        if (!info.name().isEmpty()) g.writeStringField("name", info.name());
        g.writeEndObject();
    }
}
