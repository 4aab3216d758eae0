package dev.cil.btf;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link BtfJsonSink} that writes exactly what bpftool's {@code json_writer.c} writes: compact
 * ({@code -j}: no whitespace at all) or pretty ({@code -p}, and the plain-text map dump of maps
 * with BTF: a 4-space indent, a newline before each member name and before a closing bracket
 * that follows a value, {@code ": "} after names, array items of scalars on one line, so that an
 * array of objects opens with <code>[&#123;</code> and separates items with <code>&#125;,&#123;</code>).
 *
 * <p>String escaping copies that of Debian 12's bpftool 7.1, quirks included: TAB, LF, CR, FF and
 * BS become {@code \t \n \r \f \b}, {@code "} becomes {@code \"}, a backslash becomes {@code \n}
 * (sic: the typo fixed upstream later), and every other character, control characters included,
 * is written as is.
 *
 * <p>Not thread-safe. The writer never adds the final newline bpftool prints after a document.
 */
public final class BpftoolJsonWriter implements BtfJsonSink {
    private final Appendable out;
    private final boolean pretty;
    private int depth;
    private boolean sep;   // a comma is due before the next value

    public BpftoolJsonWriter(Appendable out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    /** Compact output into a new StringBuilder-backed writer; read it with {@link #toString()}. */
    public static BpftoolJsonWriter compact(StringBuilder sb) {
        return new BpftoolJsonWriter(sb, false);
    }

    public static BpftoolJsonWriter pretty(StringBuilder sb) {
        return new BpftoolJsonWriter(sb, true);
    }

    /** The current nesting depth (0 when a document is complete). */
    public int depth() { return depth; }

    /** Forgets a completed document's trailing separator, like {@code jsonw_reset}. */
    public void reset() {
        sep = false;
    }

    private void put(char c) {
        try {
            out.append(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void eol() {
        if (!pretty) return;
        put('\n');
        for (int i = 0; i < depth; i++) put("    ");
    }

    private void eor() {
        if (sep) put(',');
        sep = true;
    }

    private void begin(char c) {
        eor();
        put(c);
        depth++;
        sep = false;
    }

    private void end(char c) {
        if (depth == 0) throw new IllegalStateException("unbalanced JSON end");
        depth--;
        if (sep) eol();
        put(c);
        sep = true;
    }

    @Override public void beginObject() { begin('{'); }

    @Override public void endObject() { end('}'); }

    @Override public void beginArray() { begin('['); }

    @Override public void endArray() { end(']'); }

    @Override
    public void name(String name) {
        eor();
        eol();
        sep = false;
        quote(name);
        put(':');
        if (pretty) put(' ');
    }

    @Override
    public void string(String value) {
        eor();
        quote(value);
    }

    @Override
    public void number(long value) {
        eor();
        put(Long.toString(value));
    }

    @Override
    public void unsignedNumber(long value) {
        eor();
        put(Long.toUnsignedString(value));
    }

    @Override
    public void bool(boolean value) {
        eor();
        put(value ? "true" : "false");
    }

    @Override
    public void raw(String token) {
        eor();
        put(token);
    }

    private void quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t': b.append("\\t"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\f': b.append("\\f"); break;
                case '\b': b.append("\\b"); break;
                case '\\': b.append("\\n"); break;   // bpftool's json_writer.c writes "\n" for a backslash
                case '"': b.append("\\\""); break;
                default: b.append(c);
            }
        }
        put(b.append('"'));
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
