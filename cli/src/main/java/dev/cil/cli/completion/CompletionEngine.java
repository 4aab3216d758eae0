package dev.cil.cli.completion;

import dev.cil.cli.output.Text;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Completes a {@code cil} command line from the picocli model: subcommands (with any unambiguous
 * prefix, as the parser accepts), options, option values, and positional arguments through each
 * command's {@link Grammar}, with live values from {@link Providers}. The same engine serves
 * {@code cil shell} (jline) and the hidden {@code cil __complete} that the bash, zsh and fish scripts
 * call.
 */
public final class CompletionEngine {
    private final CommandSpec root;
    private final Providers providers;
    private final Duration budget;
    private final Map<CommandSpec, Grammar> grammars = new ConcurrentHashMap<>();

    public CompletionEngine(CommandSpec root, Providers providers, Duration budget) {
        this.root = root;
        this.providers = providers;
        this.budget = budget;
    }

    public Providers providers() { return providers; }

    /** Where the cursor is, after reading the words before it. */
    public static final class Position {
        CommandSpec command;
        final List<String> positionals = new ArrayList<>();
        OptionSpec pendingOption;
        String netns;
        boolean endOfOptions;

        public CommandSpec command() { return command; }

        public List<String> positionals() { return positionals; }

        /** The option whose value is being typed, or null. */
        public OptionSpec pendingOption() { return pendingOption; }

        /** The {@code --netns} given on the line, or null. */
        public String netns() { return netns; }
    }

    /** Reads the complete words of a line (after {@code cil}) against the command tree. */
    public Position read(List<String> words) {
        Position p = new Position();
        p.command = root;
        for (String w : words) {
            if (p.pendingOption != null) {
                if (isNetns(p.pendingOption)) p.netns = w;
                p.pendingOption = null;
                continue;
            }
            if (!p.endOfOptions && w.equals("--")) {
                p.endOfOptions = true;
                continue;
            }
            if (!p.endOfOptions && w.startsWith("-") && w.length() > 1) {
                readOption(p, w);
                continue;
            }
            if (p.positionals.isEmpty()) {
                CommandSpec sub = subcommand(p.command, w);
                if (sub != null) {
                    p.command = sub;
                    continue;
                }
            }
            p.positionals.add(w);
        }
        return p;
    }

    private static void readOption(Position p, String w) {
        int eq = w.indexOf('=');
        if (w.startsWith("--") && eq > 0) {
            OptionSpec o = p.command.findOption(w.substring(0, eq));
            if (o != null && isNetns(o)) p.netns = w.substring(eq + 1);
            return;
        }
        OptionSpec o = p.command.findOption(w);
        if (o != null) {
            if (takesValue(o)) p.pendingOption = o;
            return;
        }
        if (!w.startsWith("--")) {   // clustered short options: -jp, -onjson
            for (int i = 1; i < w.length(); i++) {
                OptionSpec c = p.command.findOption(w.charAt(i));
                if (c == null) return;
                if (takesValue(c)) {
                    if (i == w.length() - 1) p.pendingOption = c;
                    else if (isNetns(c)) p.netns = w.substring(i + 1);
                    return;
                }
            }
        }
    }

    static boolean takesValue(OptionSpec o) { return o.arity().max() > 0; }

    static boolean isNetns(OptionSpec o) { return List.of(o.names()).contains("--netns"); }

    /** The subcommand a word selects: its name, an alias, or an unambiguous prefix; null for none. */
    public static CommandSpec subcommand(CommandSpec cmd, String word) {
        Map<String, CommandLine> subs = cmd.subcommands();
        CommandLine exact = subs.get(word);
        if (exact != null) return exact.getCommandSpec();
        CommandSpec found = null;
        for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
            if (e.getKey().startsWith(word)) {
                CommandSpec s = e.getValue().getCommandSpec();
                if (found != null && found != s) return null;
                found = s;
            }
        }
        return found;
    }

    /**
     * The candidates for the last word of {@code words} (which may be empty: the cursor after a space),
     * every one starting with it, sorted, without duplicates.
     */
    public List<Candidate> complete(List<String> words) {
        if (words.isEmpty()) words = List.of("");
        String current = words.get(words.size() - 1);
        Position p = read(words.subList(0, words.size() - 1));
        Map<String, Candidate> out = new LinkedHashMap<>();
        if (p.pendingOption != null) {
            for (Candidate c : optionValues(p.pendingOption, current, p.netns)) add(out, c, current);
        } else if (!p.endOfOptions && current.startsWith("--") && current.indexOf('=') > 0) {
            int eq = current.indexOf('=');
            OptionSpec o = p.command.findOption(current.substring(0, eq));
            if (o != null && takesValue(o)) {
                String head = current.substring(0, eq + 1);
                for (Candidate c : optionValues(o, current.substring(eq + 1), p.netns)) {
                    add(out, new Candidate(head + c.value(), c.description(), c.complete()), current);
                }
            }
        } else if (!p.endOfOptions && current.startsWith("-")) {
            for (OptionSpec o : p.command.options()) {
                if (o.hidden()) continue;
                for (String n : o.names()) add(out, Candidate.of(n, firstLine(o.description())), current);
            }
        } else {
            if (p.positionals.isEmpty()) {
                for (Map.Entry<String, CommandLine> e : p.command.subcommands().entrySet()) {
                    CommandSpec s = e.getValue().getCommandSpec();
                    if (s.usageMessage().hidden()) continue;
                    add(out, Candidate.of(e.getKey(), summary(s)), current);
                }
            }
            Grammar.Expectation next = grammar(p.command).next(p.positionals);
            for (String k : next.keywords()) add(out, Candidate.of(k), current);
            for (Grammar.Value v : next.values()) {
                for (Candidate c : values(v, current, p.netns)) add(out, c, current);
            }
        }
        List<Candidate> list = new ArrayList<>(out.values());
        list.sort(Comparator.comparing(Candidate::value, CompletionEngine::naturalOrder));
        return list;
    }

    private static void add(Map<String, Candidate> out, Candidate c, String current) {
        if (!c.value().startsWith(current)) return;
        // a name with control characters (a device may have ESC in its name) cannot be typed and must
        // not reach a terminal: it is left out; descriptions are made visible instead
        if (c.value().chars().anyMatch(Character::isISOControl)) return;
        Candidate safe = new Candidate(c.value(), Text.safe(c.description()), c.complete());
        out.merge(c.value(), safe, (a, b) -> a.description().isEmpty() ? b : a);
    }

    /** Numbers by value, then words. */
    static int naturalOrder(String a, String b) {
        boolean na = isNumber(a), nb = isNumber(b);
        if (na && nb) return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        if (na != nb) return na ? -1 : 1;
        return a.compareTo(b);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) return false;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }

    private List<Candidate> optionValues(OptionSpec o, String current, String netns) {
        List<Candidate> out = new ArrayList<>();
        if (o.completionCandidates() != null) {
            for (String s : o.completionCandidates()) out.add(Candidate.of(s));
            return out;
        }
        for (String kind : optionKinds(o)) {
            if (providers.has(kind)) return providers.fetch(new CompletionRequest(kind, current, netns), budget);
        }
        return out;
    }

    /** The kinds an option's value is asked as: its long name ({@code --netns} → NETNS), then its label. */
    public static List<String> optionKinds(OptionSpec o) {
        List<String> kinds = new ArrayList<>();
        kinds.add(o.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT));
        String label = bareLabel(o.paramLabel());
        if (!label.isEmpty() && !kinds.contains(label)) kinds.add(label);
        return kinds;
    }

    /** Whether an option's value comes from a provider or fixed candidates. */
    public boolean completesValue(OptionSpec o) {
        if (!takesValue(o)) return false;
        if (o.completionCandidates() != null) return true;
        return optionKinds(o).stream().anyMatch(providers::has);
    }

    private List<Candidate> values(Grammar.Value v, String current, String netns) {
        if (v.fixed() != null) {
            List<Candidate> out = new ArrayList<>();
            for (String s : v.fixed()) out.add(Candidate.of(s));
            return out;
        }
        for (String kind : v.kinds()) {
            if (providers.has(kind)) return providers.fetch(new CompletionRequest(kind, current, netns), budget);
        }
        return List.of();
    }

    /** The grammar of a command's positional parameters, from the model. */
    public Grammar grammar(CommandSpec cmd) {
        return grammars.computeIfAbsent(cmd, c -> grammarOf(c, providers.nonterminals()));
    }

    static Grammar grammarOf(CommandSpec cmd, Map<String, String> nonterminals) {
        List<Grammar> parts = new ArrayList<>();
        List<PositionalParamSpec> positionals = new ArrayList<>(cmd.positionalParameters());
        positionals.sort(Comparator.comparingInt(p -> p.index().min()));   // reflection order is not index order
        for (PositionalParamSpec p : positionals) {
            if (p.hidden()) continue;
            parts.add(grammarOf(p, nonterminals));
        }
        return parts.isEmpty() ? Grammar.none() : Grammar.sequence(parts);
    }

    static Grammar grammarOf(PositionalParamSpec p, Map<String, String> nonterminals) {
        boolean multi = p.arity().max() > 1;
        if (p.completionCandidates() != null) {
            List<String> c = new ArrayList<>();
            p.completionCandidates().forEach(c::add);
            return Grammar.fixed(c, multi);
        }
        String label = bareLabel(p.paramLabel());
        String context = nonterminals.containsKey(label) ? label : null;
        Grammar g = Grammar.parse(String.join(" ", p.description()), context, nonterminals);
        if (g == null) g = Grammar.parse(label + (multi && context == null ? "..." : ""), null, nonterminals);
        return g == null ? Grammar.none() : g;
    }

    static String bareLabel(String label) {
        if (label == null) return "";
        String s = label.trim();
        if (s.startsWith("<") && s.endsWith(">")) s = s.substring(1, s.length() - 1).toUpperCase(Locale.ROOT);
        return s;
    }

    /** Whether a command's positional arguments can be completed (so shells ask {@code cil __complete}). */
    public boolean completesPositionals(CommandSpec cmd) {
        return grammar(cmd).completes(providers::has);
    }

    /**
     * A command's one-line summary: the first line of its description (its header may be the root's,
     * inherited through the root's {@code scope = INHERIT}).
     */
    public static String summary(CommandSpec s) {
        String d = firstLine(s.usageMessage().description());
        if (d.isEmpty()) d = firstLine(s.usageMessage().header());
        return firstSentence(d);
    }

    /** Up to the first ". " or ": " (a sentence, or the part before a list). */
    static String firstSentence(String s) {
        int end = s.length();
        for (String stop : new String[] {". ", ": "}) {
            int i = s.indexOf(stop);
            if (i > 0 && i < end) end = i;
        }
        String t = s.substring(0, end);
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    public static String firstLine(String[] lines) {
        if (lines == null) return "";
        for (String l : lines) if (l != null && !l.isBlank()) return clean(l);
        return "";
    }

    private static String clean(String s) { return s.replace("%n", " ").trim(); }
}
