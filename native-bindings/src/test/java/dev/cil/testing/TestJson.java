package dev.cil.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON parser for tests (the module has no JSON library): objects become LinkedHashMap,
 * arrays List, integers BigInteger, other numbers Double, plus String, Boolean and null. It also
 * accepts bpftool's {@code \'} escape.
 */
public final class TestJson {
    private final String s;
    private int p;

    private TestJson(String s) {
        this.s = s;
    }

    public static Object parse(String text) {
        TestJson j = new TestJson(text);
        j.ws();
        Object v = j.value();
        j.ws();
        if (j.p != text.length()) throw j.error("trailing data");
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> arr(Object o) {
        return (List<Object>) o;
    }

    public static long num(Object o) {
        return ((BigInteger) o).longValue();
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON " + what + " at " + p + ": " + s.substring(Math.max(0, p - 20), Math.min(s.length(), p + 20)));
    }

    private void ws() {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
    }

    private Object value() {
        if (p >= s.length()) throw error("unexpected end");
        char c = s.charAt(p);
        switch (c) {
            case '{': {
                p++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (s.charAt(p) == '}') {
                    p++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    ws();
                    m.put(k, value());
                    ws();
                    if (s.charAt(p) == ',') {
                        p++;
                        continue;
                    }
                    expect('}');
                    return m;
                }
            }
            case '[': {
                p++;
                List<Object> l = new ArrayList<>();
                ws();
                if (s.charAt(p) == ']') {
                    p++;
                    return l;
                }
                while (true) {
                    ws();
                    l.add(value());
                    ws();
                    if (s.charAt(p) == ',') {
                        p++;
                        continue;
                    }
                    expect(']');
                    return l;
                }
            }
            case '"':
                return string();
            case 't':
                lit("true");
                return Boolean.TRUE;
            case 'f':
                lit("false");
                return Boolean.FALSE;
            case 'n':
                lit("null");
                return null;
            default:
                return number();
        }
    }

    private void lit(String w) {
        if (!s.startsWith(w, p)) throw error("bad literal");
        p += w.length();
    }

    private void expect(char c) {
        if (p >= s.length() || s.charAt(p) != c) throw error("expected '" + c + "'");
        p++;
    }

    private Object number() {
        int st = p;
        if (s.charAt(p) == '-') p++;
        while (p < s.length() && "0123456789.eE+-".indexOf(s.charAt(p)) >= 0) p++;
        String n = s.substring(st, p);
        if (n.isEmpty() || n.equals("-")) throw error("bad value");
        if (n.contains(".") || n.contains("e") || n.contains("E")) return Double.parseDouble(n);
        return new BigInteger(n);
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(p++);
            if (c == '"') return b.toString();
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(p++);
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'u': b.append((char) Integer.parseInt(s.substring(p, p + 4), 16)); p += 4; break;
                default: b.append(e);
            }
        }
    }
}
