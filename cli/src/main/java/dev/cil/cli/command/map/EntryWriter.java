package dev.cil.cli.command.map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;

/**
 * Writes map entries in bpftool's raw forms (text hex lines and {@code "0xNN"} JSON arrays) straight
 * into a char buffer that is flushed to the writer in large chunks: a million-entry dump is a tight
 * loop with no per-entry allocation.
 */
final class EntryWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Writer out;
    private final int keySize;
    private final int valueSize;
    private final boolean perCpu;
    private final int cpus;
    private final int step;
    private final boolean mapOfMaps;
    private char[] buf = new char[1 << 16];
    private int len;

    EntryWriter(Writer out, int keySize, int valueSize, boolean perCpu, int cpus, boolean mapOfMaps) {
        this.out = out;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.perCpu = perCpu;
        this.cpus = cpus;
        this.step = (valueSize + 7) & ~7;
        this.mapOfMaps = mapOfMaps;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            flush();
            if (n > buf.length) buf = new char[Integer.highestOneBit(n) << 1];
        }
    }

    void append(char c) {
        ensure(1);
        buf[len++] = c;
    }

    void append(String s) {
        ensure(s.length());
        s.getChars(0, s.length(), buf, len);
        len += s.length();
    }

    void flush() {
        try {
            out.write(buf, 0, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        len = 0;
    }

    /** bpftool's fprint_hex: two-digit bytes, a space between, two after each 8th, a newline after each 16th. */
    void hex(ByteBuffer b, int off, int n) {
        ensure(n * 3 + n / 8 + 2);
        char[] c = buf;
        int p = len;
        for (int i = 0; i < n; i++) {
            if (i != 0) {
                if ((i & 15) == 0) c[p++] = '\n';
                else if ((i & 7) == 0) { c[p++] = ' '; c[p++] = ' '; }
                else c[p++] = ' ';
            }
            int v = b.get(off + i);
            c[p++] = HEX[(v >> 4) & 0xf];
            c[p++] = HEX[v & 0xf];
        }
        len = p;
    }

    /** bpftool's print_entry_plain. */
    void plain(ByteBuffer keys, int keyOff, ByteBuffer values, int valueOff) {
        if (!perCpu) {
            boolean breakNames = keySize > 16 || valueSize > 16;
            boolean singleLine = keySize + valueSize <= 24 && !breakNames;
            if (keySize > 0) {
                append(breakNames ? "key:\n" : "key: ");
                hex(keys, keyOff, keySize);
                append(singleLine ? "  " : "\n");
            }
            if (valueSize > 0) {
                if (mapOfMaps) {
                    append(breakNames ? "inner_map_id:\n" : "inner_map_id: ");
                    append(Integer.toUnsignedString(values.getInt(valueOff)));
                    append(' ');
                } else {
                    append(breakNames ? "value:\n" : "value: ");
                    hex(values, valueOff, valueSize);
                }
            }
            append('\n');
        } else {
            if (keySize > 0) {
                append("key:\n");
                hex(keys, keyOff, keySize);
                append('\n');
            }
            if (valueSize > 0) {
                for (int i = 0; i < cpus; i++) {
                    append("value (CPU ");
                    if (i < 10) append('0');
                    append(Integer.toString(i));
                    append(valueSize > 16 ? "):\n" : "): ");
                    hex(values, valueOff + i * step, valueSize);
                    append('\n');
                }
            }
        }
    }

    /** bpftool's print_entry_error_msg (text). */
    void plainError(ByteBuffer keys, int keyOff, String msg) {
        boolean breakNames = keySize > 16 || msg.length() > 16;
        boolean singleLine = keySize + msg.length() <= 24 && !breakNames;
        append(breakNames ? "key:\n" : "key: ");
        hex(keys, keyOff, keySize);
        append(singleLine ? "  " : "\n");
        append(breakNames ? "value:\n" : "value: ");
        append(msg);
        append('\n');
    }

    /** A JSON array of {@code "0xNN"} strings. */
    void jsonHex(ByteBuffer b, int off, int n) {
        ensure(n * 7 + 2);
        char[] c = buf;
        int p = len;
        c[p++] = '[';
        for (int i = 0; i < n; i++) {
            if (i != 0) c[p++] = ',';
            int v = b.get(off + i);
            c[p++] = '"'; c[p++] = '0'; c[p++] = 'x';
            c[p++] = HEX[(v >> 4) & 0xf];
            c[p++] = HEX[v & 0xf];
            c[p++] = '"';
        }
        c[p++] = ']';
        len = p;
    }

    /** bpftool's print_entry_json without BTF (compact). */
    void json(ByteBuffer keys, int keyOff, ByteBuffer values, int valueOff) {
        append("{\"key\":");
        jsonHex(keys, keyOff, keySize);
        if (!perCpu) {
            append(",\"value\":");
            jsonHex(values, valueOff, valueSize);
            if (mapOfMaps) {
                append(",\"inner_map_id\":");
                append(Integer.toUnsignedString(values.getInt(valueOff)));
            }
        } else {
            append(",\"values\":[");
            for (int i = 0; i < cpus; i++) {
                if (i != 0) append(',');
                append("{\"cpu\":");
                append(Integer.toString(i));
                append(",\"value\":");
                jsonHex(values, valueOff + i * step, valueSize);
                append('}');
            }
            append(']');
        }
        append('}');
    }

    /** bpftool's JSON error element. */
    void jsonError(ByteBuffer keys, int keyOff, String msg) {
        append("{\"key\":");
        jsonHex(keys, keyOff, keySize);
        append(",\"value\":{\"error\":\"");
        append(msg.replace("\\", "\\\\").replace("\"", "\\\""));
        append("\"}}");
    }
}
