package dev.cil.bpf.insn;

import dev.cil.bpf.BpfProgram;
import dev.cil.btf.BtfException;
import dev.cil.btf.BtfSpec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A translated program as bpftool's {@code prog dump xlated} shows it: one entry per instruction
 * (the second half of a 64-bit immediate load belongs to the first), each with the function header
 * that starts there (from the program's BTF and func_info), the source line that the line_info
 * places there, the instruction text and its bytes. The listing is a model; text and JSON renderers
 * print it.
 *
 * <p>Source lines follow libbpf's search exactly as bpftool uses it, including its habit of showing a
 * line again on the next instruction when several records share one instruction offset.
 *
 * @param entries          the instructions in order
 * @param lineInfoRefused  the program has line_info but libbpf would refuse it (bpftool says so on
 *                         stderr and prints no source lines)
 */
public record XlatedListing(List<Entry> entries, boolean lineInfoRefused) {
    public XlatedListing { entries = List.copyOf(entries); }

    /**
     * One instruction of the listing.
     *
     * @param index  its instruction index
     * @param proto  the C declaration of the function starting here, or null
     * @param source the source line placed here, or null
     * @param insn   the decoded instruction
     * @param text   its text ({@code (b7) r0 = 0}, no index, no newline)
     * @param bytes  its raw bytes: 8, or 16 for a 64-bit immediate load
     */
    public record Entry(int index, String proto, Source source, Insn insn, String text, byte[] bytes) {
        public Entry { bytes = bytes.clone(); }

        @Override public byte[] bytes() { return bytes.clone(); }

        /** True when this is a 64-bit immediate load (two instruction slots). */
        public boolean wide() { return insn.isLdImm64(); }
    }

    /**
     * A source line from line_info.
     *
     * @param line    the source text with leading blanks removed, or null when its offset is outside the BTF strings
     * @param file    the file name, or null when its offset is outside the BTF strings
     * @param lineNum the line number
     * @param column  the column
     */
    public record Source(String line, String file, int lineNum, int column) { }

    /**
     * Builds the listing.
     *
     * @param insns        the translated instructions
     * @param btf          the program's BTF, or null (no function headers, no source lines)
     * @param funcInfo     raw func_info records ({@code insn_off}, {@code type_id})
     * @param funcRecSize  size of one func_info record
     * @param lines        the line table, or null
     * @param symbols      names for calls and immediates
     */
    public static XlatedListing build(byte[] insns, BtfSpec btf, byte[] funcInfo, int funcRecSize, LineTable lines,
                                      InsnPrinter.Symbols symbols) {
        return build(insns, btf, funcInfo, funcRecSize, lines, symbols, false);
    }

    /**
     * Builds the listing of a program as the kernel reported it: its line_info is checked against its
     * JIT symbols first, as libbpf does.
     *
     * @param btf the program's BTF ({@code dump.btfId()}), or null
     */
    public static XlatedListing of(BpfProgram.XlatedDump dump, BtfSpec btf, InsnPrinter.Symbols symbols) {
        LineTable lines = null;
        boolean refused = false;
        if (dump.lineInfo().length > 0) {
            lines = LineTable.of(dump.lineInfo(), dump.lineInfoRecSize(), dump.jitedLineInfo(), dump.jitedLineInfoRecSize(),
                    dump.jitedKsyms(), dump.jitedFuncLens());
            refused = lines == null;
        }
        return build(dump.insns(), btf, dump.funcInfo(), dump.funcInfoRecSize(), lines, symbols, refused);
    }

    private static XlatedListing build(byte[] insns, BtfSpec btf, byte[] funcInfo, int funcRecSize, LineTable lines,
                                       InsnPrinter.Symbols symbols, boolean refused) {
        int n = Insn.count(insns);
        List<Entry> out = new ArrayList<>(n);
        ByteBuffer fi = ByteBuffer.wrap(funcInfo).order(ByteOrder.LITTLE_ENDIAN);
        int nFunc = funcRecSize >= 8 ? funcInfo.length / funcRecSize : 0;
        int func = 0, skip = 0;
        boolean secondHalf = false;
        for (int i = 0; i < n; i++) {
            if (secondHalf) {
                secondHalf = false;
                continue;
            }
            String proto = null;
            if (btf != null && func < nFunc && fi.getInt(func * funcRecSize) == i) {
                String sig = FuncSignature.of(btf, fi.getInt(func * funcRecSize + 4));
                if (!sig.isEmpty()) proto = sig;
                func++;
            }
            Source source = null;
            if (btf != null && lines != null) {
                LineTable.Line l = lines.find(i, skip);
                if (l != null) {
                    source = new Source(ltrim(string(btf, l.lineOff())), string(btf, l.fileNameOff()), l.lineNum(), l.column());
                    skip++;
                }
            }
            Insn insn = Insn.decode(insns, i);
            Insn next = null;
            if (insn.isLdImm64()) {
                secondHalf = true;
                if (i + 1 < n) next = Insn.decode(insns, i + 1);
            }
            byte[] raw = Arrays.copyOfRange(insns, i * Insn.SIZE, (next != null ? i + 2 : i + 1) * Insn.SIZE);
            out.add(new Entry(i, proto, source, insn, InsnPrinter.print(insn, next, symbols), raw));
        }
        return new XlatedListing(out, refused);
    }

    private static String string(BtfSpec btf, int off) {
        try {
            return btf.string(off);
        } catch (BtfException e) {
            return null;
        }
    }

    /** Leading white space removed, as C's {@code isspace} sees it. */
    static String ltrim(String s) {
        if (s == null) return null;
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        return s.substring(i);
    }

    private static boolean isSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
}
