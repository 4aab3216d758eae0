package dev.cil.cli.completion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command's positional arguments as a bpftool-style grammar, read from the picocli model: the
 * description of a positional parameter such as {@code "id ID | pinned PATH | name NAME"} or
 * {@code "MAP key BYTES value VALUE [any|exist|noexist]"}.
 *
 * <ul>
 * <li>lower-case words are keywords ({@code id}, {@code key}); as in bpftool, a typed prefix matches
 * ({@code i 42} is {@code id 42});</li>
 * <li>upper-case words are values; a value that names a selector ({@code MAP}, {@code PROG},
 * {@code LINK}, {@code BTF}, or one a provider defines) expands to the selector's grammar, whose values
 * are qualified by it ({@code ID} in {@code MAP} is asked as {@code MAP_ID}, then {@code ID});</li>
 * <li>{@code [ … ]} is optional, {@code { … }} groups, {@code |} separates alternatives, and a value
 * followed by {@code ...} (or {@code BYTES}, {@code VALUE}) takes one or more words.</li>
 * </ul>
 * A description that is prose rather than grammar ("The device to show.") is ignored and the
 * parameter's label is used instead ({@code DEV}).
 */
public final class Grammar {
    /** Values that take one or more words (bpftool's byte lists). */
    static final Set<String> REPEATING = Set.of("BYTES", "VALUE");

    /** A node of the grammar. */
    sealed interface Node permits Keyword, Value, Seq, Alt, Opt { }

    /** A keyword ({@code id}). */
    record Keyword(String word) implements Node { }

    /**
     * A value: its kinds to ask providers in order ({@code MAP_ID}, {@code ID}), static candidates
     * (from picocli's completionCandidates, may be null), and whether it takes several words.
     */
    record Value(List<String> kinds, List<String> fixed, boolean repeat) implements Node { }

    record Seq(List<Node> items) implements Node { }

    record Alt(List<Node> choices) implements Node { }

    record Opt(Node item) implements Node { }

    /** What may come next: keywords and values. */
    public record Expectation(Set<String> keywords, List<Value> values) {
        public boolean isEmpty() { return keywords.isEmpty() && values.isEmpty(); }
    }

    private static final Pattern TOKEN = Pattern.compile("\\.\\.\\.|[\\[\\]{}|]|[^\\s\\[\\]{}|]+");
    private static final Pattern KEYWORD = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern LABEL = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final Node root;

    private Grammar(Node root) { this.root = root; }

    /** A grammar that accepts nothing (a command without positional parameters). */
    public static Grammar none() { return new Grammar(new Seq(List.of())); }

    /** A sequence of grammars (a command's positional parameters in index order). */
    public static Grammar sequence(List<Grammar> parts) {
        List<Node> n = new ArrayList<>();
        for (Grammar g : parts) n.add(g.root);
        return new Grammar(new Seq(n));
    }

    /** One value of fixed candidates (picocli's completionCandidates), once or repeated. */
    public static Grammar fixed(List<String> candidates, boolean repeat) {
        return new Grammar(new Value(List.of(), List.copyOf(candidates), repeat));
    }

    /**
     * Parses a grammar; null when {@code text} is not one (prose).
     * @param context the selector the text defines (its values are qualified by it), or null
     * @param nonterminals selector name to grammar text
     */
    public static Grammar parse(String text, String context, Map<String, String> nonterminals) {
        List<String> tokens = tokens(text);
        if (tokens == null || tokens.isEmpty()) return null;
        try {
            Parser p = new Parser(tokens, context, nonterminals, new ArrayDeque<>());
            Node n = p.alternatives();
            if (p.pos != tokens.size()) return null;
            return new Grammar(n);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the grammar can ask for anything a shell would complete (a keyword or a known value). */
    public boolean completes(java.util.function.Predicate<String> hasProvider) {
        return completes(root, hasProvider);
    }

    private static boolean completes(Node n, java.util.function.Predicate<String> hasProvider) {
        if (n instanceof Keyword) return true;
        if (n instanceof Value v) return v.fixed() != null && !v.fixed().isEmpty() || v.kinds().stream().anyMatch(hasProvider);
        if (n instanceof Seq s) return s.items().stream().anyMatch(i -> completes(i, hasProvider));
        if (n instanceof Alt a) return a.choices().stream().anyMatch(i -> completes(i, hasProvider));
        return completes(((Opt) n).item(), hasProvider);
    }

    private static List<String> tokens(String text) {
        if (text == null) return null;
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.replace("...", " ... ").trim());
        while (m.find()) {
            String t = m.group();
            boolean ok = t.equals("...") || t.length() == 1 && "[]{}|".contains(t)
                    || KEYWORD.matcher(t).matches() || LABEL.matcher(t).matches();
            if (!ok) return null;
            out.add(t);
        }
        return out;
    }

    private static final class Parser {
        final List<String> t;
        final String context;
        final Map<String, String> nonterminals;
        final Deque<String> expanding;
        int pos;

        Parser(List<String> t, String context, Map<String, String> nonterminals, Deque<String> expanding) {
            this.t = t;
            this.context = context;
            this.nonterminals = nonterminals;
            this.expanding = expanding;
        }

        String peek() { return pos < t.size() ? t.get(pos) : null; }

        Node alternatives() {
            List<Node> alts = new ArrayList<>();
            alts.add(sequence());
            while ("|".equals(peek())) {
                pos++;
                alts.add(sequence());
            }
            return alts.size() == 1 ? alts.get(0) : new Alt(alts);
        }

        Node sequence() {
            List<Node> items = new ArrayList<>();
            while (true) {
                String s = peek();
                if (s == null || s.equals("|") || s.equals("]") || s.equals("}")) break;
                pos++;
                switch (s) {
                    case "[": {
                        Node inner = alternatives();
                        expect("]");
                        items.add(new Opt(inner));
                        break;
                    }
                    case "{": {
                        Node inner = alternatives();
                        expect("}");
                        items.add(inner);
                        break;
                    }
                    case "...": {
                        if (items.isEmpty() || !(items.get(items.size() - 1) instanceof Value v)) {
                            throw new IllegalArgumentException("'...' after no value");
                        }
                        items.set(items.size() - 1, new Value(v.kinds(), v.fixed(), true));
                        break;
                    }
                    default:
                        items.add(KEYWORD.matcher(s).matches() ? new Keyword(s) : label(s));
                }
            }
            if (items.isEmpty()) throw new IllegalArgumentException("empty alternative");
            return items.size() == 1 ? items.get(0) : new Seq(items);
        }

        Node label(String s) {
            String def = nonterminals.get(s);
            if (def != null && !s.equals(context) && !expanding.contains(s)) {
                expanding.push(s);
                try {
                    List<String> inner = tokens(def);
                    if (inner == null) throw new IllegalArgumentException("bad selector " + s);
                    Parser p = new Parser(inner, s, nonterminals, expanding);
                    Node n = p.alternatives();
                    if (p.pos != inner.size()) throw new IllegalArgumentException("bad selector " + s);
                    return n;
                } finally {
                    expanding.pop();
                }
            }
            List<String> kinds = new ArrayList<>();
            if (context != null && !s.equals(context)) kinds.add(context + "_" + s);
            kinds.add(s);
            return new Value(List.copyOf(kinds), null, REPEATING.contains(s));
        }

        void expect(String s) {
            if (!s.equals(peek())) throw new IllegalArgumentException("expected " + s);
            pos++;
        }
    }

    // ---- matching typed words ----

    /** What may follow the words typed so far (all of them complete words). */
    public Expectation next(List<String> words) {
        Set<String> keywords = new LinkedHashSet<>();
        List<Value> values = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        step(List.of(root), 0, words, keywords, values, seen, new int[] {0});
        return new Expectation(keywords, values);
    }

    private static final int MAX_STEPS = 20_000;

    /** Explores the grammar: {@code stack} is what remains to match, from {@code words[pos]} on. */
    private void step(List<Node> stack, int pos, List<String> words, Set<String> keywords, List<Value> values,
                      Set<String> seen, int[] steps) {
        if (++steps[0] > MAX_STEPS) return;
        if (stack.isEmpty()) return;
        if (pos == words.size()) {
            first(stack, keywords, values, seen, steps);
            return;
        }
        Node n = stack.get(0);
        List<Node> rest = stack.subList(1, stack.size());
        if (n instanceof Keyword k) {
            if (isPrefix(words.get(pos), k.word())) step(rest, pos + 1, words, keywords, values, seen, steps);
        } else if (n instanceof Value v) {
            if (!v.repeat()) {
                step(rest, pos + 1, words, keywords, values, seen, steps);
            } else if (!startsRest(words.get(pos), rest)) {
                // one word taken; either more of the same value or what follows
                step(rest, pos + 1, words, keywords, values, seen, steps);
                step(prepend(new Opt(v), rest), pos + 1, words, keywords, values, seen, steps);
            }
        } else if (n instanceof Seq s) {
            List<Node> next = new ArrayList<>(s.items());
            next.addAll(rest);
            step(next, pos, words, keywords, values, seen, steps);
        } else if (n instanceof Alt a) {
            for (Node c : a.choices()) step(prepend(c, rest), pos, words, keywords, values, seen, steps);
        } else if (n instanceof Opt o) {
            step(prepend(o.item(), rest), pos, words, keywords, values, seen, steps);
            step(rest, pos, words, keywords, values, seen, steps);
        }
    }

    /** Whether {@code word} is exactly a keyword that can start what follows (so a repeated value stops). */
    private static boolean startsRest(String word, List<Node> rest) {
        Set<String> k = new LinkedHashSet<>();
        first(rest, k, new ArrayList<>(), new java.util.HashSet<>(), new int[] {0});
        return k.contains(word);
    }

    /** The first items {@code stack} can start with. */
    private static void first(List<Node> stack, Set<String> keywords, List<Value> values, Set<String> seen, int[] steps) {
        if (++steps[0] > MAX_STEPS || stack.isEmpty()) return;
        Node n = stack.get(0);
        List<Node> rest = stack.subList(1, stack.size());
        if (n instanceof Keyword k) {
            keywords.add(k.word());
        } else if (n instanceof Value v) {
            if (seen.add(v.kinds() + "|" + v.fixed())) values.add(v);
        } else if (n instanceof Seq s) {
            List<Node> next = new ArrayList<>(s.items());
            next.addAll(rest);
            first(next, keywords, values, seen, steps);
        } else if (n instanceof Alt a) {
            for (Node c : a.choices()) first(prepend(c, rest), keywords, values, seen, steps);
        } else if (n instanceof Opt o) {
            first(prepend(o.item(), rest), keywords, values, seen, steps);
            first(rest, keywords, values, seen, steps);
        }
    }

    private static List<Node> prepend(Node n, List<Node> rest) {
        List<Node> l = new ArrayList<>(rest.size() + 1);
        l.add(n);
        l.addAll(rest);
        return l;
    }

    /** bpftool's is_prefix: a non-empty prefix of the keyword. */
    static boolean isPrefix(String typed, String keyword) { return !typed.isEmpty() && keyword.startsWith(typed); }

    @Override
    public String toString() { return root.toString(); }
}
