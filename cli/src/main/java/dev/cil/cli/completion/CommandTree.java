package dev.cil.cli.completion;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The visible commands of the model, walked the same way by every generator. */
final class CommandTree {
    private CommandTree() { }

    /** A command and its path of canonical names below the root ("" for the root, "map dump"). */
    record Node(String path, CommandSpec spec) {
        /** Its subcommands by every name (canonical names and aliases), visible ones only. */
        Map<String, CommandSpec> children() {
            Map<String, CommandSpec> m = new LinkedHashMap<>();
            for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
                CommandSpec s = e.getValue().getCommandSpec();
                if (!s.usageMessage().hidden()) m.put(e.getKey(), s);
            }
            return m;
        }

        String child(String name) { return path.isEmpty() ? name : path + " " + name; }
    }

    /** The root and every visible command below it, depth first, each once (aliases share a node). */
    static List<Node> walk(CommandSpec root) {
        List<Node> out = new ArrayList<>();
        walk(root, "", out, new LinkedHashSet<>());
        return out;
    }

    private static void walk(CommandSpec spec, String path, List<Node> out, Set<CommandSpec> seen) {
        if (!seen.add(spec)) return;
        Node n = new Node(path, spec);
        out.add(n);
        for (CommandSpec c : new LinkedHashSet<>(n.children().values())) walk(c, n.child(c.name()), out, seen);
    }

    /** Every command of the tree, hidden ones too (for checks that cover them all). */
    static List<CommandSpec> all(CommandSpec root) {
        List<CommandSpec> out = new ArrayList<>();
        Set<CommandSpec> seen = new LinkedHashSet<>();
        List<CommandSpec> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            CommandSpec s = todo.remove(0);
            if (!seen.add(s)) continue;
            out.add(s);
            for (CommandLine c : s.subcommands().values()) todo.add(c.getCommandSpec());
        }
        return out;
    }

    /**
     * Puts every command's options in a fixed order (picocli's {@code order}, then the longest name)
     * for the generators. picocli lists options in reflection order, and the JVM returns a class's
     * annotated methods (GlobalOptions' setters) in an order that changes with what was loaded before:
     * picocli's bash script would differ from one run to the next. Help and man pages sort options
     * themselves; this only fixes the completion scripts' order.
     */
    static CommandSpec canonical(CommandSpec root) {
        java.lang.reflect.Field f;
        try {
            f = CommandSpec.class.getDeclaredField("options");
            f.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("picocli changed: CommandSpec has no 'options' list to order", e);
        }
        java.util.Comparator<OptionSpec> order = java.util.Comparator.comparingInt(OptionSpec::order)
                .thenComparing(OptionSpec::longestName);
        for (CommandSpec s : all(root)) {
            try {
                @SuppressWarnings("unchecked")
                List<OptionSpec> list = (List<OptionSpec>) f.get(s);
                list.sort(order);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return root;
    }

    /** The visible options of a command. */
    static List<OptionSpec> options(CommandSpec spec) {
        List<OptionSpec> out = new ArrayList<>();
        for (OptionSpec o : spec.options()) if (!o.hidden()) out.add(o);
        return out;
    }
}
