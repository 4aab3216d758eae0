package dev.cil.cli.shell;

import dev.cil.cli.CommandLineFactory;
import dev.cil.cli.completion.CompletionEngine;
import dev.cil.cli.completion.Providers;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The interactive side of {@code cil shell}: a jline line reader over the system terminal with
 * completion from the picocli model and live values, history in {@code ~/.cil_history}, Ctrl-R
 * search, Ctrl-C dropping the line (or stopping the running command), Ctrl-D leaving.
 */
final class InteractiveShell {
    /** How long Tab may wait for live values; slower answers arrive in the cache for the next Tab. */
    static final Duration COMPLETION_BUDGET = Duration.ofMillis(200);

    private InteractiveShell() { }

    static int run(PrintWriter out, PrintWriter err, List<String> defaults) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).nativeSignals(true).build()) {
            boolean colour = Shell.colourAllowed(terminal.getType());
            PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
            CompletionEngine engine = new CompletionEngine(CommandLineFactory.create(sink, sink).getCommandSpec(),
                    Providers.load(), COMPLETION_BUDGET);
            warmUp(engine);
            DefaultParser parser = new DefaultParser();
            parser.setEscapeChars(new char[] {'\\'});
            Path history = Shell.historyFile();
            privateFile(history);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("cil")
                    .parser(parser)
                    .completer(new JlineCompleter(engine, defaults))
                    .variable(LineReader.HISTORY_FILE, history)
                    .variable(LineReader.HISTORY_SIZE, 10_000)
                    .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                    .variable(LineReader.LIST_MAX, 400)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)   // '!' is an ordinary character
                    .option(LineReader.Option.AUTO_FRESH_LINE, true)
                    .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                    .build();
            if (!colour) noColour(reader);
            LineRunner runner = new LineRunner(out, err, true, defaults);
            terminal.handle(Terminal.Signal.INT, s -> runner.cancel());
            int code = 0;
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt(runner.last(), colour, terminal));
                } catch (UserInterruptException e) {
                    continue;   // Ctrl-C drops the line
                } catch (EndOfFileException e) {
                    code = runner.last();   // Ctrl-D
                    break;
                }
                LineRunner.Outcome o = runner.run(line);
                if (o.leave()) {
                    code = o.code();
                    break;
                }
            }
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                err.println("cil: cannot save the history in " + history + ": " + e.getMessage());
            }
            out.flush();
            err.flush();
            return code;
        }
    }

    /** A new history file is readable by its owner only, as bash keeps its own: lines may hold keys and values. */
    static void privateFile(Path p) {
        try {
            if (!java.nio.file.Files.exists(p)) {
                java.nio.file.Files.createFile(p, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // jline creates it with the default mode, or cannot: history is then only kept in memory
        }
    }

    static String prompt(int last, boolean colour, Terminal terminal) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        if (colour) b.style(AttributedStyle.BOLD);
        b.append("cil");
        if (colour) b.style(AttributedStyle.DEFAULT);
        if (last != 0) {
            b.append(" [");
            if (colour) b.style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED));
            b.append(Integer.toString(last));
            if (colour) b.style(AttributedStyle.DEFAULT);
            b.append("]");
        }
        b.append("> ");
        return colour ? b.toAnsi(terminal) : b.toString();
    }

    private static void noColour(LineReader reader) {
        for (String v : List.of(LineReader.COMPLETION_STYLE_STARTING, LineReader.COMPLETION_STYLE_DESCRIPTION,
                LineReader.COMPLETION_STYLE_GROUP, LineReader.COMPLETION_STYLE_BACKGROUND,
                LineReader.COMPLETION_STYLE_LIST_STARTING, LineReader.COMPLETION_STYLE_LIST_DESCRIPTION,
                LineReader.COMPLETION_STYLE_LIST_GROUP, LineReader.COMPLETION_STYLE_LIST_BACKGROUND)) {
            reader.setVariable(v, "");
        }
        reader.setVariable(LineReader.COMPLETION_STYLE_SELECTION, "inverse");
        reader.setVariable(LineReader.COMPLETION_STYLE_LIST_SELECTION, "inverse");
    }

    /** Loads the kernel path and fills the cache in the background, so the first Tab is quick. */
    private static void warmUp(CompletionEngine engine) {
        Thread t = new Thread(() -> {
            try {
                engine.complete(List.of("prog", "show", "id", ""));
                engine.complete(List.of("map", "show", "name", ""));
            } catch (RuntimeException e) {
                // only a warm-up
            }
        }, "cil-complete-warmup");
        t.setDaemon(true);
        t.start();
    }
}
