package dev.cil.cli.completion;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Hidden: {@code cil __complete [--shell bash|zsh|fish] -- WORD…} prints the candidates for the last
 * word of a command line (the words after {@code cil}; the last one may be empty), one per line; for
 * fish each line is {@code value<TAB>description}. The completion scripts in {@code completions/} call
 * it for live values (ids, names, devices, namespaces). It never prints an error and always exits 0.
 *
 * <p>This class stays small: picocli builds it for every run, so it must not pull the completion
 * machinery in before it is called.
 */
@Command(name = "__complete", hidden = true,
        description = "Print the completions of a command line (for the shell completion scripts).")
public final class CompleteCommand implements Callable<Integer> {
    /** The time live values may take in a one-shot run (the JVM's start is on top). */
    static final Duration BUDGET = Duration.ofMillis(1500);

    @Spec
    CommandSpec spec;

    @Option(names = "--shell", paramLabel = "SHELL", description = "bash (values), zsh (values) or fish (value<TAB>description).")
    String shell = "bash";

    @Parameters(paramLabel = "WORD", arity = "0..*", description = "The words after cil; the last one is being completed.")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<String> w = words.isEmpty() ? List.of("") : words;
            boolean descriptions = "fish".equals(shell);
            for (Candidate c : new CompletionEngine(wholeTree(), Providers.load(), BUDGET).complete(w)) {
                if (descriptions && !c.description().isEmpty()) out.println(c.value() + "\t" + oneLine(c.description()));
                else out.println(c.value());
            }
        } catch (RuntimeException e) {
            // completion never prints an error into the line being edited
        }
        out.flush();
        return 0;
    }

    private static String oneLine(String s) { return s.replace('\n', ' ').replace('\t', ' '); }

    /** The whole command tree: a one-shot {@code cil __complete} line builds only its own group (CommandLineFactory). */
    private static picocli.CommandLine.Model.CommandSpec wholeTree() {
        java.io.PrintWriter sink = new java.io.PrintWriter(java.io.OutputStream.nullOutputStream());
        return dev.cil.cli.CommandLineFactory.create(sink, sink).getCommandSpec();
    }
}
