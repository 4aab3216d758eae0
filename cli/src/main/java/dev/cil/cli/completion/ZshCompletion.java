package dev.cil.cli.completion;

/**
 * {@code completions/_cil}: zsh runs the bash completion ({@link BashCompletion}, the same functions
 * and the same {@code cil __complete} calls) through its bashcompinit layer. The file is a zsh
 * completion function ({@code #compdef cil}) for a directory on {@code $fpath}: its first call defines
 * the functions and replaces itself with the small {@code _cil} that hands over to them.
 */
public final class ZshCompletion {
    private ZshCompletion() { }

    static final String BASH_PREAMBLE_START = "if [ -n \"$BASH_VERSION\" ]; then";

    public static String generate(String bash) {
        int start = bash.indexOf(BASH_PREAMBLE_START);
        int end = start < 0 ? -1 : bash.indexOf("\nfi\n", start);
        String tail = "\ncomplete -F _cil_complete -o default cil\n";
        if (start < 0 || end < 0 || !bash.endsWith(tail)) {
            throw new IllegalStateException("the bash script changed shape: cannot derive the zsh one");
        }
        String body = bash.substring(0, start) + bash.substring(end + 4, bash.length() - tail.length() + 1);
        return "#compdef cil\n"
                + "# cil completion for zsh, generated from the picocli model by dev.cil.cli.completion.ZshCompletion:\n"
                + "# the bash completion (completions/cil.bash) through zsh's bashcompinit. Do not edit: regenerate\n"
                + "# (see completions/README.md). Install it as _cil in a directory on $fpath, e.g.\n"
                + "# /usr/local/share/zsh/site-functions/_cil, then run compinit.\n\n"
                + "autoload -U +X bashcompinit && bashcompinit\n\n"
                + body
                + "\n# From now on _cil is this small function; this first call completes too.\n"
                + "function _cil() { _bash_complete -F _cil_complete -o default; }\n"
                + "_cil \"$@\"\n";
    }
}
