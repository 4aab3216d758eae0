package dev.cil.cli.completion;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code completions/cil.fish}, generated from the picocli model: subcommands with their summaries,
 * options where they apply, fixed option values, and live values from {@code cil __complete --shell
 * fish} (which prints {@code value<TAB>description}, fish's own format).
 */
public final class FishCompletion {
    private FishCompletion() { }

    public static String generate(CommandSpec root, CompletionEngine engine) {
        List<CommandTree.Node> nodes = CommandTree.walk(root);
        StringBuilder b = new StringBuilder();
        b.append("# cil completion for fish, generated from the picocli model by dev.cil.cli.completion.FishCompletion.\n"
                + "# Do not edit: regenerate (see completions/README.md).\n"
                + "# Install: /usr/share/fish/vendor_completions.d/cil.fish or ~/.config/fish/completions/cil.fish\n\n");

        b.append("# __cil_children PATH: the subcommands (and aliases) of the command PATH ('' is cil)\n");
        b.append("function __cil_children\n    switch \"$argv[1]\"\n");
        for (CommandTree.Node n : nodes) {
            if (!n.children().isEmpty()) {
                b.append("        case ").append(quote(n.path())).append("\n            printf '%s\\n' ")
                        .append(String.join(" ", n.children().keySet())).append('\n');
            }
        }
        b.append("    end\nend\n\n");

        b.append("# __cil_canonical PATH NAME: the command a name or alias stands for\n");
        b.append("function __cil_canonical\n    switch \"$argv[1]|$argv[2]\"\n");
        for (CommandTree.Node n : nodes) {
            for (Map.Entry<String, CommandSpec> e : n.children().entrySet()) {
                if (!e.getKey().equals(e.getValue().name())) {
                    b.append("        case ").append(quote(n.path() + "|" + e.getKey())).append("\n            echo ")
                            .append(e.getValue().name()).append('\n');
                }
            }
        }
        b.append("        case '*'\n            echo $argv[2]\n    end\nend\n\n");

        Set<String> argOpts = new LinkedHashSet<>();
        List<String> liveCommands = new ArrayList<>();
        for (CommandTree.Node n : nodes) {
            for (OptionSpec o : CommandTree.options(n.spec())) if (CompletionEngine.takesValue(o)) argOpts.addAll(List.of(o.names()));
            if (engine.completesPositionals(n.spec())) liveCommands.add(quote(n.path()));
        }
        b.append("# __cil_state: the command path of the words before the cursor, and 1 when an argument was given\n");
        b.append("function __cil_state\n"
                + "    set -l words (commandline -opc)\n"
                + "    set -e words[1]\n"
                + "    set -l cmdpath ''\n"
                + "    set -l positional 0\n"
                + "    set -l pending 0\n"
                + "    for w in $words\n"
                + "        if test $pending = 1\n"
                + "            set pending 0\n"
                + "            continue\n"
                + "        end\n"
                + "        switch $w\n"
                + "            case " + String.join(" ", argOpts.stream().map(FishCompletion::quote).toList()) + "\n"
                + "                set pending 1\n"
                + "                continue\n"
                + "            case '-?*'\n"
                + "                continue\n"
                + "        end\n"
                + "        if test $positional = 0\n"
                + "            set -l found ''\n"
                + "            for m in (__cil_children \"$cmdpath\")\n"
                + "                if test \"$m\" = \"$w\"\n"
                + "                    set found (__cil_canonical \"$cmdpath\" $m)\n"
                + "                    break\n"
                + "                end\n"
                + "                if string match -q -- \"$w*\" $m\n"
                + "                    set -l c (__cil_canonical \"$cmdpath\" $m)\n"
                + "                    if test -z \"$found\"\n"
                + "                        set found $c\n"
                + "                    else if test \"$found\" != \"$c\"\n"
                + "                        set found -\n"
                + "                    end\n"
                + "                end\n"
                + "            end\n"
                + "            if test -n \"$found\" -a \"$found\" != -\n"
                + "                set cmdpath (string trim -- \"$cmdpath $found\")\n"
                + "                continue\n"
                + "            end\n"
                + "        end\n"
                + "        set positional 1\n"
                + "    end\n"
                + "    echo $cmdpath\n"
                + "    echo $positional\n"
                + "end\n\n");

        b.append("# __cil_at PATH: the cursor is where a subcommand of PATH goes\n");
        b.append("function __cil_at\n"
                + "    set -l s (__cil_state)\n"
                + "    test \"$s[1]\" = \"$argv[1]\" -a \"$s[2]\" = 0\n"
                + "end\n\n");
        b.append("# __cil_in PATH [inherit]: the command is PATH (or below it, with inherit)\n");
        b.append("function __cil_in\n"
                + "    set -l s (__cil_state)\n"
                + "    test \"$s[1]\" = \"$argv[1]\"; and return 0\n"
                + "    test (count $argv) -gt 1; and string match -q -- \"$argv[1] *\" \"$s[1]\"\n"
                + "end\n\n");
        b.append("# __cil_live_args: the cursor is on an argument completed live\n");
        b.append("function __cil_live_args\n"
                + "    string match -q -- '-*' (commandline -ct); and return 1\n"
                + "    set -l s (__cil_state)\n"
                + "    switch \"$s[1]\"\n"
                + "        case " + (liveCommands.isEmpty() ? "'\\0'" : String.join(" ", liveCommands)) + "\n"
                + "            test \"$s[2]\" = 1; or test (count (__cil_children \"$s[1]\")) = 0\n"
                + "        case '*'\n"
                + "            return 1\n"
                + "    end\n"
                + "end\n\n");
        b.append("# __cil_live: ask cil for the candidates of the word at the cursor\n");
        b.append("function __cil_live\n"
                + "    set -l words (commandline -opc)\n"
                + "    set -e words[1]\n"
                + "    set -l cur (commandline -ct)\n"
                + "    command cil __complete --shell fish -- $words \"$cur\" 2>/dev/null\n"
                + "end\n\n");

        b.append("complete -c cil -e\n");
        b.append("complete -c cil -f\n\n");
        b.append("# subcommands\n");
        for (CommandTree.Node n : nodes) {
            for (Map.Entry<String, CommandSpec> e : n.children().entrySet()) {
                b.append("complete -c cil -n ").append(quote("__cil_at " + shellWord(n.path())))
                        .append(" -a ").append(quote(e.getKey()))
                        .append(" -d ").append(quote(CompletionEngine.summary(e.getValue()))).append('\n');
            }
        }
        b.append("\n# options\n");
        for (CommandTree.Node n : nodes) {
            for (OptionSpec o : CommandTree.options(n.spec())) {
                if (o.inherited()) continue;   // declared once, where it is defined
                String cond = null;
                boolean inherit = o.scopeType() == ScopeType.INHERIT;
                if (!(inherit && n.path().isEmpty())) cond = "__cil_in " + shellWord(n.path()) + (inherit ? " inherit" : "");
                b.append("complete -c cil");
                if (cond != null) b.append(" -n ").append(quote(cond));
                for (String name : o.names()) {
                    if (name.startsWith("--")) b.append(" -l ").append(name.substring(2));
                    else if (name.length() == 2) b.append(" -s ").append(name.charAt(1));
                    else b.append(" -o ").append(name.substring(1));
                }
                if (CompletionEngine.takesValue(o)) {
                    b.append(" -x");
                    if (o.completionCandidates() != null) {
                        List<String> c = new ArrayList<>();
                        o.completionCandidates().forEach(c::add);
                        b.append(" -a ").append(quote(String.join(" ", c)));
                    } else if (engine.completesValue(o)) {
                        b.append(" -a '(__cil_live)'");
                    }
                }
                b.append(" -d ").append(quote(CompletionEngine.firstLine(o.description()))).append('\n');
            }
        }
        b.append("\n# arguments with live values (ids, names, devices, paths)\n");
        b.append("complete -c cil -n __cil_live_args -a '(__cil_live)'\n");
        return b.toString();
    }

    /** A fish single-quoted string. */
    static String quote(String s) { return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"; }

    /** A word inside a -n condition (itself single-quoted): double quotes keep an empty path or spaces. */
    private static String shellWord(String s) { return "\"" + s + "\""; }
}
