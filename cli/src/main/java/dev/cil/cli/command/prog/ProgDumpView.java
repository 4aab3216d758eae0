package dev.cil.cli.command.prog;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cil.bpf.ProgramInfo;
import dev.cil.bpf.insn.XlatedListing;
import dev.cil.cli.output.View;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * One program's {@code prog dump xlated}, as bpftool prints it: in text, the function headers
 * ({@code int f(struct __sk_buff * skb):}), source lines ({@code ; x = 1;}, with {@code [file:…
 * line_num:… line_col:…]} under {@code linum}), {@code %4u: } and the instruction, and under
 * {@code opcodes} the raw bytes; in JSON, an array of {@code proto}/{@code src}/{@code file}/
 * {@code line_num}/{@code line_col}/{@code disasm}/{@code opcodes} objects. When several programs are
 * dumped, each gets bpftool's {@code prog show} first line (text) or is wrapped in an object with the
 * header keys and {@code insns} (JSON).
 *
 * @param header  the program to name above the listing, or null for a single program
 */
public record ProgDumpView(ProgramInfo header, XlatedListing listing, boolean opcodes, boolean linum) implements View {

    @Override
    public void text(PrintWriter out) {
        StringBuilder b = new StringBuilder(64 * listing.entries().size() + 64);
        if (header != null) ProgView.appendHeader(b, header);
        for (XlatedListing.Entry e : listing.entries()) {
            if (e.proto() != null) b.append(safe(e.proto())).append(":\n");
            XlatedListing.Source s = e.source();
            if (s != null && s.line() != null) {
                b.append("; ").append(safe(s.line()));
                if (linum) {
                    b.append(" [file:").append(s.file() == null ? "" : safe(s.file())).append(" line_num:")
                            .append(s.lineNum()).append(" line_col:").append(s.column()).append(']');
                }
                b.append('\n');
            }
            String idx = Integer.toString(e.index());
            for (int i = idx.length(); i < 4; i++) b.append(' ');
            b.append(idx).append(": ").append(safe(e.text())).append('\n');
            if (opcodes) {
                byte[] raw = e.bytes();
                b.append("       ");
                hex(b, raw, 0, 8);
                if (raw.length > 8) {
                    b.append(' ');
                    hex(b, raw, 8, 16);
                }
                b.append('\n');
            }
        }
        out.print(b);
    }

    private static void hex(StringBuilder b, byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (i > from) b.append(' ');
            b.append(Character.forDigit((raw[i] >> 4) & 0xf, 16)).append(Character.forDigit(raw[i] & 0xf, 16));
        }
    }

    /**
     * Kernel strings (source lines, file and symbol names) are printed as bpftool prints them, except
     * that control characters other than TAB (which C source lines keep) become a visible {@code \xNN}.
     */
    static String safe(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && (s.charAt(i) == '\t' || !Character.isISOControl(s.charAt(i)))) i++;
        if (i == n) return s;
        StringBuilder b = new StringBuilder(n + 8).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\t' && Character.isISOControl(c)) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    @Override
    public void json(JsonGenerator g) throws IOException {
        if (header != null) {
            g.writeStartObject();
            ProgView.writeHeaderFields(g, header);
            g.writeFieldName("insns");
        }
        g.writeStartArray();
        for (XlatedListing.Entry e : listing.entries()) {
            g.writeStartObject();
            if (e.proto() != null) g.writeStringField("proto", e.proto());
            XlatedListing.Source s = e.source();
            if (s != null) {
                if (s.line() != null) g.writeStringField("src", s.line());
                if (linum) {
                    if (s.file() != null) g.writeStringField("file", s.file());
                    if (s.lineNum() != 0) g.writeNumberField("line_num", s.lineNum());
                    if (s.column() != 0) g.writeNumberField("line_col", s.column());
                }
            }
            g.writeStringField("disasm", e.text());
            if (opcodes) {
                byte[] raw = e.bytes();
                g.writeObjectFieldStart("opcodes");
                g.writeStringField("code", "0x" + hex2(raw[0]));
                g.writeStringField("src_reg", "0x" + Integer.toHexString((raw[1] >> 4) & 0xf));
                g.writeStringField("dst_reg", "0x" + Integer.toHexString(raw[1] & 0xf));
                g.writeArrayFieldStart("off");
                for (int i = 2; i < 4; i++) g.writeString("0x" + hex2(raw[i]));
                g.writeEndArray();
                g.writeArrayFieldStart("imm");
                for (int i = 4; i < (raw.length > 8 ? 16 : 8); i++) g.writeString("0x" + hex2(raw[i]));
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (header != null) g.writeEndObject();
    }

    private static String hex2(byte v) {
        return "" + Character.forDigit((v >> 4) & 0xf, 16) + Character.forDigit(v & 0xf, 16);
    }
}
