package dev.cil.cli.shell;

import dev.cil.cli.CilException;
import dev.cil.cli.CommandLineFactory;
import dev.cil.cli.ExitCodes;
import dev.cil.cli.CilCommand;
import dev.cil.cli.GlobalOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the lines of {@code cil shell}, interactive or from a script: the shell's own words
 * ({@code help}, {@code exit}, {@code $?}), and every other line through the same
 * {@link CommandLineFactory} and handlers as one-shot {@code cil}, on a command tree that starts
 * every line as new (no option leaks from one line into the next). A failure prints its one line
 * and the shell goes on.
 */
public final class LineRunner {
    /** The exit code of a command stopped with Ctrl-C (as a POSIX shell reports SIGINT). */
    public static final int INTERRUPTED = 130;

    /** The outcome of a line: the exit code of what ran (null: nothing ran), and whether to leave. */
    public record Outcome(Integer code, boolean leave) { }

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;
    private final List<String> defaults;
    private CommandLine tree;
    private volatile Cancel running;
    private int last;
    private int lastFailure;

    /**
     * @param defaults global options given to {@code cil shell} ({@code --netns pod1}, {@code -j}), put
     *                 before every command line that does not set them itself
     */
    public LineRunner(PrintWriter out, PrintWriter err, boolean interactive, List<String> defaults) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.defaults = List.copyOf(defaults);
    }

    /**
     * The command tree for the next line. Building one costs about 3 ms (picocli reflects over every
     * command), ten times what {@code prog show} itself takes, so lines share one tree when that is
     * safe: picocli resets every option and argument to its initial value before a parse, except those
     * set through methods, and the only ones (GlobalOptions' setters) are reset here. A tree with
     * another such option (see {@link #unresettable}), or one an abandoned command may still be using, is
     * not reused: that line gets a tree of its own.
     */
    private CommandLine takeTree() {
        CommandLine t = tree;
        if (t == null) {
            PrintWriter sink = new PrintWriter(java.io.OutputStream.nullOutputStream());
            t = CommandLineFactory.create(sink, sink);
            if (unresettable(t.getCommandSpec()).isEmpty()) tree = t;
        } else {
            ((CilCommand) t.getCommand()).global().reset();
        }
        return t;
    }

    /**
     * The options and arguments that a new parse would not reset (set through a method, with no
     * initial value picocli could restore), apart from {@link GlobalOptions}' which {@link GlobalOptions#reset}
     * handles; empty when lines can share the tree.
     */
    public static List<String> unresettable(CommandSpec root) {
        List<String> out = new ArrayList<>();
        List<CommandSpec> todo = new ArrayList<>(List.of(root));
        java.util.Set<CommandSpec> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            CommandSpec s = todo.remove(todo.size() - 1);
            if (!seen.add(s)) continue;
            List<ArgSpec> args = new ArrayList<>(s.options());
            args.addAll(s.positionalParameters());
            for (ArgSpec a : args) {
                if (a.inherited() || a.hasInitialValue()) continue;
                Object element = a.userObject();
                if (element instanceof java.lang.reflect.Member m && m.getDeclaringClass() == GlobalOptions.class) continue;
                out.add(s.qualifiedName() + " " + (a instanceof OptionSpec o ? o.longestName() : a.paramLabel()));
            }
            for (CommandLine sub : s.subcommands().values()) todo.add(sub.getCommandSpec());
        }
        return out;
    }

    /**
     * A command line with the shell's global options before it. {@code --netns} is left out when the
     * line sets it itself (picocli refuses it twice); flags may repeat, and a line's own {@code -o text}
     * comes after a default {@code -j}, so the line wins.
     */
    static List<String> withDefaults(List<String> defaults, List<String> words) {
        if (defaults.isEmpty()) return words;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < defaults.size(); i++) {
            String d = defaults.get(i);
            if (d.equals("--netns")) {
                if (!sets(words, "--netns")) out.addAll(defaults.subList(i, i + 2));
                i++;
            } else {
                out.add(d);
            }
        }
        out.addAll(words);
        return out;
    }

    private static boolean sets(List<String> words, String option) {
        for (String w : words) {
            if (w.equals("--")) return false;
            if (w.equals(option) || w.startsWith(option + "=")) return true;
        }
        return false;
    }

    /** The exit code of the last command (what {@code $?} prints and the prompt shows). */
    public int last() { return last; }

    /** The exit code of the last command that failed, 0 if none did. */
    public int lastFailure() { return lastFailure; }

    /** The shell words at the start of a line, for completion and help. */
    public static final List<String> BUILTINS = List.of("help", "exit", "quit", "$?");

    public Outcome run(String line) {
        Tokenizer.Line t;
        try {
            t = Tokenizer.split(line);
        } catch (CilException e) {
            err.println("cil: " + e.getMessage());
            err.flush();
            return done(e.exitCode());
        }
        List<String> words = new ArrayList<>(t.words());
        if (!words.isEmpty() && words.get(0).equals("cil")) words.remove(0);   // "cil prog show" out of habit
        if (words.isEmpty()) {
            if (t.pipe() != null) {
                err.println("cil: nothing to pipe into '" + t.pipe() + "'");
                err.flush();
                return done(ExitCodes.USAGE);
            }
            return new Outcome(null, false);
        }
        String first = words.get(0);
        switch (first) {
            case "exit":
            case "quit": {
                if (words.size() > 2) return usage(first + " takes at most one argument: the exit code");
                if (words.size() == 2) {
                    try {
                        return new Outcome(Integer.parseInt(words.get(1)) & 0xff, true);
                    } catch (NumberFormatException e) {
                        return usage(first + ": '" + words.get(1) + "' is not a number");
                    }
                }
                return new Outcome(interactive ? last : lastFailure, true);
            }
            case "$?": {
                if (words.size() > 1) return usage("$? takes no arguments");
                out.println(last);
                out.flush();
                return new Outcome(null, false);
            }
            case "help": {
                List<String> args = new ArrayList<>(words.subList(1, words.size()));
                args.add("--help");
                int code = execute(withDefaults(defaults, args), t.pipe());
                if (words.size() == 1) {
                    out.print(shellHelp());
                    out.flush();
                }
                return done(code);
            }
            case "shell":
                return usage("already in the shell");
            default:
                return done(execute(withDefaults(defaults, words), t.pipe()));
        }
    }

    private Outcome usage(String message) {
        err.println("cil: " + message);
        err.flush();
        return done(ExitCodes.USAGE);
    }

    private Outcome done(int code) {
        last = code;
        if (code != 0) lastFailure = code;
        return new Outcome(code, false);
    }

    static String shellHelp() {
        return String.format("%nIn the shell:%n"
                + "  help [COMMAND]      this help, or a command's (help map dump)%n"
                + "  exit [N], Ctrl-D    leave (exit code N, else that of the last command)%n"
                + "  $?                  the exit code of the last command (the prompt shows it when not 0)%n"
                + "  COMMAND | PROGRAM   pipe the output to a program (map dump name big | less)%n"
                + "  Tab                 complete commands, options, ids, names, devices and namespaces%n"
                + "  Ctrl-R              search the history (~/.cil_history)%n"
                + "  Ctrl-C              drop the line, or stop the running command (exit code 130)%n");
    }

    /** Stops the running command (Ctrl-C): its next write fails; a second request abandons it. */
    public void cancel() {
        Cancel c = running;
        if (c != null) c.request();
    }

    /** Runs one cil command line, its output optionally piped to a program. */
    int execute(List<String> args, String pipe) {
        Cancel cancel = new Cancel();
        Process proc = null;
        Writer base = out;
        if (pipe != null) {
            try {
                out.flush();
                proc = new ProcessBuilder("/bin/sh", "-c", pipe)
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException e) {
                err.println("cil: cannot run '" + pipe + "': " + e.getMessage());
                err.flush();
                return ExitCodes.FAILURE;
            }
            base = new OutputStreamWriter(proc.getOutputStream(), StandardCharsets.UTF_8);
        }
        PrintWriter cmdOut = new PrintWriter(new Guarded(base, cancel, false), false);
        PrintWriter cmdErr = new PrintWriter(new Guarded(err, cancel, true), true);
        String[] argv = args.toArray(new String[0]);
        CommandLine tree = takeTree();
        running = cancel;
        int code;
        try {
            code = interactive ? onWorker(() -> CommandLineFactory.run(tree, cmdOut, cmdErr, argv), cancel)
                    : guarded(() -> CommandLineFactory.run(tree, cmdOut, cmdErr, argv));
        } finally {
            running = null;
        }
        if (cancel.outputClosed && !cancel.requested) code = 0;   // the program stopped reading: as a shell, not an error
        if (proc != null) {
            try {
                base.close();
            } catch (IOException e) {
                // the program has gone already
            }
            int pc = waitFor(proc);
            if (code == 0) code = pc;
        } else {
            out.flush();
        }
        err.flush();
        return cancel.requested ? INTERRUPTED : code;
    }

    private static int waitFor(Process p) {
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the program owns the terminal until it ends
            }
        }
    }

    private static int guarded(java.util.function.IntSupplier task) {
        try {
            return task.getAsInt();
        } catch (Stopped e) {
            return INTERRUPTED;
        } catch (RuntimeException | Error e) {
            return e instanceof CilException ? ((CilException) e).exitCode() : ExitCodes.INTERNAL;
        }
    }

    /**
     * Runs a command on its own thread so Ctrl-C can stop it while this thread waits; a second Ctrl-C
     * stops waiting (the command is abandoned: its output goes nowhere).
     */
    private int onWorker(java.util.function.IntSupplier task, Cancel cancel) {
        AtomicInteger result = new AtomicInteger(ExitCodes.INTERNAL);
        Thread t = new Thread(() -> result.set(guarded(task)), "cil-command");
        t.setDaemon(true);
        cancel.worker = t;
        t.start();
        while (t.isAlive()) {
            try {
                t.join(50);
            } catch (InterruptedException e) {
                // this thread is not interrupted by Ctrl-C; keep waiting
            }
            if (cancel.abandoned) {
                tree = null;   // the command goes on with it
                err.println("cil: the command did not stop; it goes on in the background and its output is discarded");
                return INTERRUPTED;
            }
        }
        return result.get();
    }

    /** Ctrl-C state of one command. */
    static final class Cancel {
        volatile boolean requested;
        volatile boolean abandoned;
        volatile boolean outputClosed;
        volatile Thread worker;

        void request() {
            if (requested) {
                abandoned = true;
                return;
            }
            requested = true;
            Thread w = worker;
            if (w != null) w.interrupt();
        }
    }

    /** Thrown into a command by its output once Ctrl-C was pressed or the pipe closed. */
    static final class Stopped extends CilException {
        private static final long serialVersionUID = 1L;

        Stopped(String why) { super(why, INTERRUPTED); }
    }

    /**
     * A command's writer: throws {@link Stopped} once the command is cancelled or its pipe closed, so a
     * long dump stops at its next line. The error writer instead goes quiet then (no "interrupted"
     * or "broken pipe" line: a shell prints none either).
     */
    static final class Guarded extends Writer {
        private final Writer to;
        private final Cancel cancel;
        private final boolean quiet;

        Guarded(Writer to, Cancel cancel, boolean quietWhenStopped) {
            this.to = to;
            this.cancel = cancel;
            this.quiet = quietWhenStopped;
        }

        private boolean stopped() { return cancel.requested || cancel.outputClosed; }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            if (stopped()) {
                if (quiet) return;
                throw new Stopped("interrupted");
            }
            try {
                to.write(buf, off, len);
            } catch (IOException e) {
                cancel.outputClosed = true;
                throw new Stopped("output closed");
            }
        }

        @Override
        public void flush() throws IOException {
            if (stopped()) return;
            try {
                to.flush();
            } catch (IOException e) {
                cancel.outputClosed = true;
            }
        }

        @Override
        public void close() throws IOException { flush(); }
    }
}
