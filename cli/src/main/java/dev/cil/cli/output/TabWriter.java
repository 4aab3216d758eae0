package dev.cil.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter}, byte for byte, for the tables cilium-dbg and hubble print
 * (formats.md §0.1). Text is collected with {@link #print}; {@link #flush} lays it out:
 *
 * <ul>
 * <li>A cell is text terminated by {@code \t}; the text after a line's last tab is its trailing
 *     cell, which is never padded and belongs to no column.</li>
 * <li>A column block for column k is a run of consecutive lines that each have a tab-terminated cell
 *     k; a line with fewer cells ends the block, and the next block is sized on its own.</li>
 * <li>The width of a column in a block is {@code max(minwidth, max(cell width) + padding)}, in
 *     code points; cells are left-aligned (or right-aligned with {@link #ALIGN_RIGHT}).</li>
 * </ul>
 *
 * Only the flags cil needs are supported: {@link #ALIGN_RIGHT}, {@link #DISCARD_EMPTY_COLUMNS} and
 * {@link #DEBUG}; a {@code '\t'} padchar pads with tabs of {@code tabwidth} columns as Go does.
 */
public final class TabWriter {
    /** Right-align cell contents (Go's {@code tabwriter.AlignRight}). */
    public static final int ALIGN_RIGHT = 4;
    /** Columns whose cells are all empty get width 0 (Go's {@code tabwriter.DiscardEmptyColumns}). */
    public static final int DISCARD_EMPTY_COLUMNS = 8;
    /** Print a {@code |} between columns (Go's {@code tabwriter.Debug}). */
    public static final int DEBUG = 32;

    private final int minwidth;
    private final int tabwidth;
    private final int padding;
    private final char padchar;
    private final int flags;
    private final StringBuilder text = new StringBuilder(256);

    public TabWriter(int minwidth, int tabwidth, int padding, char padchar, int flags) {
        if (minwidth < 0 || tabwidth < 0 || padding < 0) throw new IllegalArgumentException("negative tabwriter parameter");
        this.minwidth = minwidth;
        this.tabwidth = tabwidth;
        this.padding = padding;
        this.padchar = padchar;
        // Go: tab padding implies left alignment
        this.flags = padchar == '\t' ? flags & ~ALIGN_RIGHT : flags;
    }

    /** cilium-dbg's list tables: {@code (5, 0, 3, ' ', 0)}. */
    public static TabWriter lists() { return new TabWriter(5, 0, 3, ' ', 0); }

    /** cilium-dbg {@code status} and {@code identity list}: {@code (2, 0, 3, ' ', 0)}. */
    public static TabWriter status() { return new TabWriter(2, 0, 3, ' ', 0); }

    /** Appends text (cells end in {@code \t}, lines in {@code \n}). */
    public TabWriter print(String s) {
        text.append(s);
        return this;
    }

    /** Appends the cells, each followed by a tab, then a newline. */
    public TabWriter row(String... cells) {
        for (String c : cells) text.append(c).append('\t');
        text.append('\n');
        return this;
    }

    /** Lays out everything printed so far and returns it; the writer is empty afterwards. */
    public String format() {
        String in = text.toString();
        text.setLength(0);
        List<List<String>> lines = new ArrayList<>();
        int start = 0;
        boolean endsWithNewline = in.endsWith("\n");
        while (start <= in.length()) {
            int nl = in.indexOf('\n', start);
            if (nl < 0) {
                if (start < in.length()) lines.add(cells(in.substring(start)));
                break;
            }
            lines.add(cells(in.substring(start, nl)));
            start = nl + 1;
        }
        StringBuilder out = new StringBuilder(in.length() + 64);
        format(out, lines, 0, lines.size(), new ArrayList<>());
        // every line but an unterminated last one ends with a newline
        if (!endsWithNewline && !lines.isEmpty() && out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /** Writes the laid-out text to {@code out}. */
    public void flush(PrintWriter out) {
        out.print(format());
    }

    private static List<String> cells(String line) {
        List<String> c = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\t') {
                c.add(line.substring(s, i));
                s = i + 1;
            }
        }
        c.add(line.substring(s));   // the trailing cell (possibly empty)
        return c;
    }

    private static int width(String s) { return s.codePointCount(0, s.length()); }

    /**
     * Lays out lines [line0, line1) whose columns left of {@code widths.size()} are already sized:
     * finds the blocks of column {@code widths.size()}, sizes each, and recurses to the right.
     */
    private void format(StringBuilder out, List<List<String>> lines, int line0, int line1, List<Integer> widths) {
        int column = widths.size();
        for (int th = line0; th < line1; th++) {
            List<String> line = lines.get(th);
            if (column >= line.size() - 1) continue;
            // a block of column `column` starts here: print the lines before it
            writeLines(out, lines, line0, th, widths);
            line0 = th;
            int width = minwidth;
            boolean discardable = true;
            for (; th < line1; th++) {
                line = lines.get(th);
                if (column >= line.size() - 1) break;
                int w = width(line.get(column));
                if (w + padding > width) width = w + padding;
                if (w > 0) discardable = false;
            }
            if (discardable && (flags & DISCARD_EMPTY_COLUMNS) != 0) width = 0;
            widths.add(width);
            format(out, lines, line0, th, widths);
            widths.remove(widths.size() - 1);
            line0 = th;
        }
        writeLines(out, lines, line0, line1, widths);
    }

    private void writeLines(StringBuilder out, List<List<String>> lines, int line0, int line1, List<Integer> widths) {
        for (int i = line0; i < line1; i++) {
            List<String> line = lines.get(i);
            for (int j = 0; j < line.size(); j++) {
                String c = line.get(j);
                if (j > 0 && (flags & DEBUG) != 0) out.append('|');
                int w = width(c);
                boolean padded = j < widths.size();
                if (c.isEmpty()) {
                    if (padded) pad(out, w, widths.get(j));
                } else if ((flags & ALIGN_RIGHT) == 0) {
                    out.append(c);
                    if (padded) pad(out, w, widths.get(j));
                } else {
                    if (padded) pad(out, w, widths.get(j));
                    out.append(c);
                }
            }
            out.append('\n');
        }
    }

    private void pad(StringBuilder out, int textw, int cellw) {
        if (padchar == '\t') {
            if (tabwidth == 0) return;   // tabs have no width: no padding possible
            int cw = (cellw + tabwidth - 1) / tabwidth * tabwidth;
            int n = cw - textw;
            for (int k = (n + tabwidth - 1) / tabwidth; k > 0; k--) out.append('\t');
            return;
        }
        for (int k = cellw - textw; k > 0; k--) out.append(padchar);
    }
}
