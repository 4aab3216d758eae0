package dev.cil.flow;

import java.time.Instant;

/**
 * Compact JSON as hubble's {@code -o json} prints it: protojson's escaping (backslash b, f, n, r, t;
 * other control characters as a lowercase backslash-u00XX) followed by Go's json.Encoder, which
 * escapes {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as backslash-u003c and so on. Appends
 * to a StringBuilder; commas are managed per nesting level.
 */
final class JsonOut {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    final StringBuilder b;
    private long first = 1;   // bit d: the next value at depth d is the first one
    private int depth;

    JsonOut(StringBuilder b) { this.b = b; }

    JsonOut begin() {
        b.append('{');
        depth++;
        first |= 1L << depth;
        return this;
    }

    JsonOut end() {
        depth--;
        b.append('}');
        return this;
    }

    JsonOut beginArray() {
        b.append('[');
        depth++;
        first |= 1L << depth;
        return this;
    }

    JsonOut endArray() {
        depth--;
        b.append(']');
        return this;
    }

    /** Writes {@code ,"name":} (the comma when needed). */
    JsonOut key(String name) {
        sep();
        string(b, name);
        b.append(':');
        return this;
    }

    /** A separator before an array element. */
    JsonOut element() {
        sep();
        return this;
    }

    private void sep() {
        long bit = 1L << depth;
        if ((first & bit) != 0) first &= ~bit;
        else b.append(',');
    }

    JsonOut str(String name, String v) {
        if (v != null && !v.isEmpty()) {
            key(name);
            string(b, v);
        }
        return this;
    }

    JsonOut num(String name, long v) {
        if (v != 0) key(name).b.append(v);
        return this;
    }

    /** uint32 (printed unsigned). */
    JsonOut u32(String name, int v) {
        if (v != 0) key(name).b.append(Integer.toUnsignedString(v));
        return this;
    }

    /** int64/uint64: protojson prints them as strings. */
    JsonOut u64(String name, long v) {
        if (v != 0) key(name).b.append('"').append(Long.toUnsignedString(v)).append('"');
        return this;
    }

    JsonOut bool(String name, boolean v) {
        if (v) key(name).b.append("true");
        return this;
    }

    JsonOut enumValue(String name, ProtoEnum e, int v) {
        if (v != 0) {
            key(name);
            String n = e.name(v);
            if (n != null) string(b, n);
            else b.append(v);
        }
        return this;
    }

    JsonOut time(String name, Instant t) {
        if (t != null) {
            key(name);
            b.append('"');
            timestamp(b, t);
            b.append('"');
        }
        return this;
    }

    JsonOut strings(String name, java.util.List<String> v) {
        if (v != null && !v.isEmpty()) {
            key(name).beginArray();
            for (String s : v) {
                element();
                string(b, s);
            }
            endArray();
        }
        return this;
    }

    /** Raw JSON text (already escaped as this class does). */
    JsonOut raw(String name, String json) {
        if (json != null) key(name).b.append(json);
        return this;
    }

    /** A JSON string with hubble's escaping. */
    static void string(StringBuilder b, String s) {
        b.append('"');
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String rep = null;
            if (c < 0x20) {
                switch (c) {
                    case '\b': rep = "\\b"; break;
                    case '\f': rep = "\\f"; break;
                    case '\n': rep = "\\n"; break;
                    case '\r': rep = "\\r"; break;
                    case '\t': rep = "\\t"; break;
                    default: rep = "\\u00" + HEX[c >> 4] + HEX[c & 15];
                }
            } else if (c == '"') {
                rep = "\\\"";
            } else if (c == '\\') {
                rep = "\\\\";
            } else if (c == '<') {
                rep = "\\u003c";
            } else if (c == '>') {
                rep = "\\u003e";
            } else if (c == '&') {
                rep = "\\u0026";
            } else if (c == '\u2028') {
                rep = "\\u2028";
            } else if (c == '\u2029') {
                rep = "\\u2029";
            } else if (Character.isSurrogate(c)) {
                boolean pair = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1));
                if (pair) {
                    i++;
                    continue;
                }
                rep = "\ufffd"; // Go replaces invalid UTF-16 (from invalid UTF-8) with U+FFFD
            }
            if (rep != null) {
                b.append(s, start, i).append(rep);
                start = i + 1;
            }
        }
        b.append(s, start, n).append('"');
    }

    /** protojson's Timestamp: RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits. */
    static void timestamp(StringBuilder b, Instant t) {
        GoTime.appendRfc3339Utc(b, t.getEpochSecond(), t.getNano(), true);
    }
}
