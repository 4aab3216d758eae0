package dev.cil.bpf.insn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A program's line_info ({@code struct bpf_line_info}: instruction offset, file name and source line
 * as BTF string offsets, line and column packed as {@code line << 10 | col}), searched the way
 * libbpf's {@code bpf_prog_linfo} does for bpftool. The table is refused (bpftool then prints no
 * source lines) when its records are too short, or when the JIT's line addresses do not agree with
 * the JIT symbols of the functions.
 */
public final class LineTable {
    /** One record. */
    public record Line(int insnOff, int fileNameOff, int lineOff, int lineCol) {
        /** The source line number ({@code line_col >> 10}). */
        public int lineNum() { return lineCol >>> 10; }

        /** The source column ({@code line_col & 0x3ff}). */
        public int column() { return lineCol & 0x3ff; }
    }

    private final Line[] lines;

    private LineTable(Line[] lines) { this.lines = lines; }

    /**
     * Builds the table, or returns null when libbpf would refuse it.
     *
     * @param lineInfo       raw line_info records
     * @param recSize        size of one record (at least 4; fields past it read as 0)
     * @param jitedLineInfo  raw JIT addresses of the lines ({@code u64} first in each record), may be empty
     * @param jitedRecSize   size of one JIT record
     * @param ksyms          JIT start address of each function
     * @param funcLens       JIT length of each function
     */
    public static LineTable of(byte[] lineInfo, int recSize, byte[] jitedLineInfo, int jitedRecSize,
                               long[] ksyms, int[] funcLens) {
        if (recSize < 4 || lineInfo.length < recSize) return null;
        int n = lineInfo.length / recSize;
        ByteBuffer b = ByteBuffer.wrap(lineInfo).order(ByteOrder.LITTLE_ENDIAN);
        Line[] lines = new Line[n];
        for (int i = 0; i < n; i++) {
            int p = i * recSize;
            lines[i] = new Line(b.getInt(p), field(b, p, 4, recSize), field(b, p, 8, recSize), field(b, p, 12, recSize));
        }
        boolean jited = ksyms.length > 0 && jitedRecSize >= 8 && jitedLineInfo.length / jitedRecSize == n
                && funcLens.length == ksyms.length;
        if (jited && !jitAgrees(jitedLineInfo, jitedRecSize, n, ksyms, funcLens)) return null;
        return new LineTable(lines);
    }

    private static int field(ByteBuffer b, int rec, int off, int recSize) {
        return off + 4 <= recSize ? b.getInt(rec + off) : 0;
    }

    /** libbpf's check that each function's first line starts at its JIT symbol and lines grow within it. */
    private static boolean jitAgrees(byte[] raw, int recSize, int n, long[] ksyms, int[] lens) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (ksyms[0] != b.getLong(0)) return false;
        int f = 1;
        for (int i = 1; i < n && f < ksyms.length; i++) {
            long last = b.getLong((i - 1) * recSize);
            long cur = b.getLong(i * recSize);
            if (ksyms[f] == cur) {
                if (Long.compareUnsigned(last - ksyms[f - 1] + 1, Integer.toUnsignedLong(lens[f - 1])) > 0) return false;
                f++;
            } else if (Long.compareUnsigned(cur, last) <= 0) {
                return false;
            }
        }
        return f == ksyms.length;
    }

    public int size() { return lines.length; }

    public Line get(int i) { return lines[i]; }

    /**
     * libbpf's {@code bpf_prog_linfo__lfind}: from record {@code skip} on, the last record whose
     * instruction offset is at most {@code insnOff}; null when record {@code skip} starts after it or
     * there is none.
     */
    public Line find(int insnOff, int skip) {
        if (skip < 0 || skip >= lines.length) return null;
        if (Integer.compareUnsigned(insnOff, lines[skip].insnOff()) < 0) return null;
        int i = skip;
        while (i + 1 < lines.length && Integer.compareUnsigned(insnOff, lines[i + 1].insnOff()) >= 0) i++;
        return lines[i];
    }
}
