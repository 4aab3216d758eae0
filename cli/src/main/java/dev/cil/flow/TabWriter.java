package dev.cil.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/tabwriter with padchar ' ' and no flags, as hubble's {@code -o table} and cilium-dbg's
 * tables use it: a cell is text ended by a tab; the text after the last tab of a line is never padded;
 * a column is sized per block of consecutive lines that have a cell in it
 * ({@code max(minwidth, widest cell + padding)}). Width is counted in code points. Text is buffered
 * until {@link #flush()}.
 */
public final class TabWriter {
    private final int minWidth;
    private final int padding;
    private final StringBuilder out;
    private final List<List<String>> lines = new ArrayList<>();
    private List<String> current = new ArrayList<>();
    private final StringBuilder cell = new StringBuilder();

    /** Appends the formatted text to {@code out} on {@link #flush()}. */
    public TabWriter(StringBuilder out, int minWidth, int padding) {
        this.out = out;
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** Writes text containing tabs and newlines. */
    public TabWriter write(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                current.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                current.add(cell.toString());
                cell.setLength(0);
                lines.add(current);
                current = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return this;
    }

    /** Formats every complete line written so far (a partial last line is kept for later). */
    public void flush() {
        if (lines.isEmpty()) return;
        format(0, lines.size(), new ArrayList<>());
        lines.clear();
    }

    private static int width(String s) { return s.codePointCount(0, s.length()); }

    private void format(int line0, int line1, List<Integer> widths) {
        int column = widths.size();
        for (int t = line0; t < line1; t++) {
            if (column >= lines.get(t).size() - 1) continue;
            writeLines(line0, t, widths);
            line0 = t;
            int w = minWidth;
            for (; t < line1; t++) {
                List<String> line = lines.get(t);
                if (column >= line.size() - 1) break;
                w = Math.max(w, width(line.get(column)) + padding);
            }
            widths.add(w);
            format(line0, t, widths);
            widths.remove(widths.size() - 1);
            line0 = t; // the loop's t++ then skips the line that ended the block, as Go's does
        }
        writeLines(line0, line1, widths);
    }

    private void writeLines(int line0, int line1, List<Integer> widths) {
        for (int i = line0; i < line1; i++) {
            List<String> line = lines.get(i);
            for (int j = 0; j < line.size(); j++) {
                String c = line.get(j);
                out.append(c);
                if (j < widths.size() && j < line.size() - 1) {
                    for (int k = width(c); k < widths.get(j); k++) out.append(' ');
                }
            }
            out.append('\n');
        }
    }
}
