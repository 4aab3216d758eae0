package dev.cil.cli.shell;

import dev.cil.cli.CilCommand;
import dev.cil.cli.GlobalOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cil shell}: every cil command in one process, with completion and history. This class stays
 * small and free of jline types: picocli builds it for every one-shot run.
 */
@Command(name = "shell",
        description = {"Run cil commands interactively: Tab completes commands, options and live values "
                + "(map, program, link and BTF ids and names, devices, namespaces); history in ~/.cil_history, "
                + "Ctrl-R searches it.",
                "",
                "Every line runs as one-shot cil would run it: the same parser, output and exit codes; a failing "
                + "command prints its one line and the shell goes on. The prompt shows the last non-zero exit code "
                + "(cil [2]>), and $? prints it.",
                "",
                "With standard input not a terminal (cil shell < FILE) the lines run as a script: no prompt, no "
                + "colour; errors do not stop it, and its exit code is that of the last command that failed (0 if none did).",
                "",
                "Output is not paged: it streams to the terminal as one-shot output does. End a line with "
                + "'| PROGRAM' to pipe it (map dump name big | less). Ctrl-C drops the line being typed or stops the "
                + "running command (exit code 130); exit or Ctrl-D leaves.",
                "",
                "Global options given before shell (cil --netns pod1 shell, cil -j shell) apply to every line that does "
                + "not set them itself."},
        footer = {"%nExamples:", "  cil shell", "  cil --netns pod1 shell", "  cil shell < commands.txt",
                "  echo 'prog show' | cil shell"})
public final class ShellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return Shell.run(spec, defaults(((CilCommand) spec.root().userObject()).global()));
    }

    /** The global options given to the shell, as words to put before each line. */
    static List<String> defaults(GlobalOptions g) {
        List<String> d = new ArrayList<>();
        if (g.netns() != null) d.addAll(List.of("--netns", g.netns()));
        if (g.pretty()) d.add("-p");
        else if (g.json()) d.add("-j");
        if (g.bpffs()) d.add("-f");
        if (g.debug()) d.add("--debug");
        return d;
    }
}
