package dev.cil.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * hubble's label selectors ({@code --label}, {@code --from-label}, {@code --to-label},
 * {@code --node-label}): Kubernetes selector syntax over Cilium labels. Requirements are separated by
 * commas and must all hold: {@code k=v} (or {@code k==v}), {@code k!=v}, {@code k}, {@code !k},
 * {@code k in (a,b)}, {@code k notin (a,b)}, {@code k>n}, {@code k<n}. A key may carry a Cilium
 * source ({@code k8s:app}, {@code reserved:world}); without one it matches any source. The empty
 * selector matches everything.
 */
public final class LabelSelector {
    private enum Op { EQUALS, NOT_EQUALS, EXISTS, NOT_EXISTS, IN, NOT_IN, GT, LT }

    private record Requirement(String source, String key, Op op, Set<String> values) { }

    private final List<Requirement> requirements;
    private final String text;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = requirements;
    }

    @Override
    public String toString() { return text; }

    /** Parses a selector; throws IllegalArgumentException with a one-line reason. */
    public static LabelSelector parse(String selector) {
        List<Requirement> reqs = new ArrayList<>();
        Lexer lx = new Lexer(selector);
        lx.skipSpace();
        if (lx.atEnd()) return new LabelSelector(selector, List.of());
        while (true) {
            reqs.add(requirement(lx, selector));
            lx.skipSpace();
            if (lx.atEnd()) break;
            if (!lx.accept(',')) throw bad(selector, "expected ',' at position " + lx.pos);
            lx.skipSpace();
            if (lx.atEnd()) throw bad(selector, "expected a requirement after ','");
        }
        return new LabelSelector(selector, List.copyOf(reqs));
    }

    private static IllegalArgumentException bad(String selector, String why) {
        return new IllegalArgumentException("invalid label selector \"" + selector + "\": " + why);
    }

    private static Requirement requirement(Lexer lx, String selector) {
        boolean not = lx.accept('!');
        lx.skipSpace();
        String key = lx.word();
        if (key.isEmpty()) throw bad(selector, "expected a label key at position " + lx.pos);
        String source = "any";
        int colon = key.indexOf(':');
        if (colon >= 0) {
            source = key.substring(0, colon);
            key = key.substring(colon + 1);
            if (key.isEmpty()) throw bad(selector, "empty label key after \"" + source + ":\"");
        }
        if (not) return new Requirement(source, key, Op.NOT_EXISTS, Set.of());
        lx.skipSpace();
        if (lx.atEnd() || lx.peek() == ',') return new Requirement(source, key, Op.EXISTS, Set.of());
        if (lx.accept("==") || lx.accept('=')) return new Requirement(source, key, Op.EQUALS, Set.of(value(lx, selector)));
        if (lx.accept("!=")) return new Requirement(source, key, Op.NOT_EQUALS, Set.of(value(lx, selector)));
        if (lx.accept('>')) return new Requirement(source, key, Op.GT, Set.of(integer(lx, selector)));
        if (lx.accept('<')) return new Requirement(source, key, Op.LT, Set.of(integer(lx, selector)));
        String w = lx.word();
        Op op;
        if (w.equals("in")) op = Op.IN;
        else if (w.equals("notin")) op = Op.NOT_IN;
        else throw bad(selector, "expected an operator (=, ==, !=, in, notin, <, >) after \"" + key + "\"");
        lx.skipSpace();
        if (!lx.accept('(')) throw bad(selector, "expected '(' after " + w);
        Set<String> values = new TreeSet<>();
        while (true) {
            lx.skipSpace();
            if (lx.accept(')')) break;
            values.add(lx.word());
            lx.skipSpace();
            if (lx.accept(')')) break;
            if (!lx.accept(',')) throw bad(selector, "expected ',' or ')' in the value list");
        }
        return new Requirement(source, key, op, values);
    }

    private static String value(Lexer lx, String selector) {
        lx.skipSpace();
        String v = lx.word();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                throw bad(selector, "invalid label value \"" + v + "\"");
            }
        }
        return v;
    }

    private static String integer(Lexer lx, String selector) {
        lx.skipSpace();
        String v = lx.word();
        try {
            Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(selector, "expected an integer, got \"" + v + "\"");
        }
        return v;
    }

    private static final class Lexer {
        final String s;
        int pos;

        Lexer(String s) { this.s = s; }

        boolean atEnd() { return pos >= s.length(); }

        char peek() { return s.charAt(pos); }

        void skipSpace() { while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++; }

        boolean accept(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        boolean accept(String t) {
            if (s.startsWith(t, pos)) {
                pos += t.length();
                return true;
            }
            return false;
        }

        /** Letters, digits and {@code - _ . / :}; stops at space, operators and punctuation. */
        String word() {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c) || "=!,()<>".indexOf(c) >= 0) break;
                pos++;
            }
            return s.substring(start, pos);
        }
    }

    /** True when every requirement holds for these labels ({@code source:key=value} strings). */
    public boolean matches(List<String> labels) {
        for (Requirement r : requirements) {
            String v = lookup(labels, r.source, r.key);
            boolean has = v != null;
            switch (r.op) {
                case EXISTS: if (!has) return false; break;
                case NOT_EXISTS: if (has) return false; break;
                case EQUALS: if (!has || !r.values.contains(v)) return false; break;
                case NOT_EQUALS: if (has && r.values.contains(v)) return false; break;
                case IN: if (!has || !r.values.contains(v)) return false; break;
                case NOT_IN: if (has && r.values.contains(v)) return false; break;
                case GT: case LT: {
                    if (!has) return false;
                    long lv, rv = Long.parseLong(r.values.iterator().next());
                    try {
                        lv = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        return false;
                    }
                    if (r.op == Op.GT ? lv <= rv : lv >= rv) return false;
                    break;
                }
                default: return false;
            }
        }
        return true;
    }

    /** The value of the first label with this key (and source, unless {@code any}); null when absent. */
    private static String lookup(List<String> labels, String source, String key) {
        for (String l : labels) {
            String lsrc = "unspec", rest = l;
            if (!l.isEmpty() && l.charAt(0) == '$') {
                lsrc = "reserved";
                rest = l.substring(1);
            } else {
                int c = l.indexOf(':');
                if (c >= 0) {
                    lsrc = l.substring(0, c);
                    rest = l.substring(c + 1);
                }
            }
            if (!source.equals("any") && !source.equals(lsrc)) continue;
            int eq = rest.indexOf('=');
            String k = eq < 0 ? rest : rest.substring(0, eq);
            if (k.equals(key)) return eq < 0 ? "" : rest.substring(eq + 1);
        }
        return null;
    }
}
