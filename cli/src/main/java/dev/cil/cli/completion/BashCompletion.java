package dev.cil.cli.completion;

import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code completions/cil.bash}: picocli's bash completion for the command tree (subcommands, options,
 * fixed option values), and around it a function generated from the same model that asks
 * {@code cil __complete} for live values: the positional arguments of commands whose grammar has
 * keywords or known values ({@code map dump name <TAB>}), and options such as {@code --netns}. It
 * also runs under zsh through bashcompinit ({@link ZshCompletion}).
 */
public final class BashCompletion {
    private BashCompletion() { }

    static final String PICOCLI_FOOTER = "complete -F _complete_cil -o default cil cil.sh cil.bash\n";

    public static String generate(CommandSpec root, CompletionEngine engine) {
        String script = AutoComplete.bash("cil", root.commandLine());
        int footer = script.lastIndexOf(PICOCLI_FOOTER);
        if (footer < 0) throw new IllegalStateException("picocli's bash script changed: no '" + PICOCLI_FOOTER.trim() + "'");
        int start = script.indexOf(ZshCompletion.BASH_PREAMBLE_START);
        if (start < 0) throw new IllegalStateException("picocli's bash script changed: no '" + ZshCompletion.BASH_PREAMBLE_START + "'");
        StringBuilder b = new StringBuilder();
        b.append("# cil completion for bash (and zsh through bashcompinit), generated from the picocli model by\n"
                + "# dev.cil.cli.completion.BashCompletion. Do not edit: regenerate (see completions/README.md).\n"
                + "# Install: /usr/share/bash-completion/completions/cil, or source it from ~/.bashrc.\n"
                + "#\n"
                + "# The first part is picocli " + picocli.CommandLine.VERSION + "'s AutoComplete script (subcommands, options,\n"
                + "# fixed option values); the last part, \"live values\", asks `cil __complete` for ids, names,\n"
                + "# devices and namespaces where the command's grammar wants them.\n\n");
        b.append(script, start, footer);
        b.append(live(root, engine));
        return b.toString();
    }

    /** The functions that decide, from the same model, when to ask {@code cil __complete}. */
    static String live(CommandSpec root, CompletionEngine engine) {
        List<CommandTree.Node> nodes = CommandTree.walk(root);
        StringBuilder b = new StringBuilder();
        b.append("\n# ---- live values: ids, names, devices, namespaces (from `cil __complete`) ----\n\n");

        b.append("# _cil_children PATH: the subcommands (and their aliases) of the command PATH (\"\" is cil).\n");
        b.append("function _cil_children() {\n  case \"$1\" in\n");
        for (CommandTree.Node n : nodes) {
            Map<String, CommandSpec> ch = n.children();
            if (!ch.isEmpty()) b.append("    ").append(quote(n.path())).append(") echo ").append(String.join(" ", ch.keySet())).append(" ;;\n");
        }
        b.append("  esac\n}\n\n");

        b.append("# _cil_canonical PATH NAME: the command a subcommand name or alias stands for.\n");
        b.append("function _cil_canonical() {\n  case \"$1|$2\" in\n");
        for (CommandTree.Node n : nodes) {
            for (Map.Entry<String, CommandSpec> e : n.children().entrySet()) {
                if (!e.getKey().equals(e.getValue().name())) {
                    b.append("    ").append(quote(n.path() + "|" + e.getKey())).append(") echo ").append(e.getValue().name()).append(" ;;\n");
                }
            }
        }
        b.append("    *) echo \"$2\" ;;\n  esac\n}\n\n");

        Set<String> argOpts = new LinkedHashSet<>();
        Set<String> liveOpts = new LinkedHashSet<>();
        List<String> liveCommands = new ArrayList<>();
        for (CommandTree.Node n : nodes) {
            for (OptionSpec o : CommandTree.options(n.spec())) {
                if (!CompletionEngine.takesValue(o)) continue;
                argOpts.addAll(List.of(o.names()));
                if (o.completionCandidates() == null && engine.completesValue(o)) liveOpts.addAll(List.of(o.names()));
            }
            if (engine.completesPositionals(n.spec())) liveCommands.add(quote(n.path()));
        }
        b.append("# The options that take a value (their value is not an argument).\n");
        b.append("_cil_arg_opts=\" ").append(String.join(" ", argOpts)).append(" \"\n\n");
        b.append("# _cil_live_option OPTION: whether the option's value is completed live.\n");
        b.append("function _cil_live_option() {\n  case \"$1\" in\n");
        if (!liveOpts.isEmpty()) b.append("    ").append(String.join("|", liveOpts)).append(") return 0 ;;\n");
        b.append("  esac\n  return 1\n}\n\n");
        b.append("# _cil_live_command PATH: whether the command's arguments are completed live (its grammar).\n");
        b.append("function _cil_live_command() {\n  case \"$1\" in\n");
        if (!liveCommands.isEmpty()) b.append("    ").append(String.join("|", liveCommands)).append(") return 0 ;;\n");
        b.append("  esac\n  return 1\n}\n\n");

        b.append(WRAPPER);
        return b.toString();
    }

    static String quote(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\""; }

    /** Reads the line as the engine does, then asks cil or falls back to picocli's function. */
    static final String WRAPPER = ""
            + "# _cil_complete: the completion function. It reads the words as cil's parser does (options and\n"
            + "# their values, subcommands by name, alias or unambiguous prefix), asks `cil __complete` where a\n"
            + "# live value is wanted, and leaves everything else to picocli's _complete_cil.\n"
            + "function _cil_complete() {\n"
            + "  local cur=${COMP_WORDS[COMP_CWORD]}\n"
            + "  local cmdpath=\"\" word pending=\"\" positional=0 i m canon found\n"
            + "  for (( i = 1; i < COMP_CWORD; i++ )); do\n"
            + "    word=${COMP_WORDS[i]}\n"
            + "    if [[ -n $pending ]]; then pending=\"\"; continue; fi\n"
            + "    if [[ $word == -?* ]]; then\n"
            + "      [[ $_cil_arg_opts == *\" $word \"* ]] && pending=$word\n"
            + "      continue\n"
            + "    fi\n"
            + "    if (( ! positional )); then\n"
            + "      found=\"\"\n"
            + "      for m in $(_cil_children \"$cmdpath\"); do\n"
            + "        if [[ $m == \"$word\" ]]; then found=$(_cil_canonical \"$cmdpath\" \"$m\"); break; fi\n"
            + "        if [[ $m == \"$word\"* ]]; then\n"
            + "          canon=$(_cil_canonical \"$cmdpath\" \"$m\")\n"
            + "          if [[ -z $found ]]; then found=$canon; elif [[ $found != \"$canon\" ]]; then found=\"-\"; fi\n"
            + "        fi\n"
            + "      done\n"
            + "      if [[ -n $found && $found != \"-\" ]]; then cmdpath=${cmdpath:+$cmdpath }$found; continue; fi\n"
            + "    fi\n"
            + "    positional=1\n"
            + "  done\n"
            + "  local live=0\n"
            + "  if [[ -n $pending ]]; then\n"
            + "    _cil_live_option \"$pending\" && live=1\n"
            + "  elif [[ $cur != -* ]] && _cil_live_command \"$cmdpath\"; then\n"
            + "    if (( positional )) || [[ -z $(_cil_children \"$cmdpath\") ]]; then live=1; fi\n"
            + "  fi\n"
            + "  if (( live )); then\n"
            + "    local -a args=()\n"
            + "    for (( i = 1; i <= COMP_CWORD; i++ )); do args+=( \"${COMP_WORDS[i]}\" ); done\n"
            + "    local IFS=$'\\n'\n"
            + "    COMPREPLY=( $(command \"${COMP_WORDS[0]}\" __complete --shell bash -- \"${args[@]}\" 2>/dev/null) )\n"
            + "    if type compopt &>/dev/null; then\n"
            + "      compopt +o default\n"
            + "      if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]]; then compopt -o nospace; fi\n"
            + "    fi\n"
            + "    return 0\n"
            + "  fi\n"
            + "  _complete_cil \"$@\"\n"
            + "}\n\n"
            + "complete -F _cil_complete -o default cil\n";
}
