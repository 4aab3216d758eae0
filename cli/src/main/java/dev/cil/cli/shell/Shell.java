package dev.cil.cli.shell;

import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cil shell}: interactive when standard input is a terminal ({@link InteractiveShell}, jline),
 * otherwise a script runner that needs no terminal library at all.
 */
public final class Shell {
    private Shell() { }

    public static int run(CommandSpec spec, List<String> defaults) throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (!isTerminal(0)) return script(System.in, out, err, defaults);
        return InteractiveShell.run(out, err, defaults);
    }

    /**
     * Runs lines from a stream: no prompt, no colour, every line even after a failure. The exit code
     * is that of the last command that failed (0 if none did), or N after {@code exit N}.
     */
    public static int script(InputStream in, PrintWriter out, PrintWriter err, List<String> defaults) throws IOException {
        LineRunner runner = new LineRunner(out, err, false, defaults);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            LineRunner.Outcome o = runner.run(line);
            if (o.leave()) return o.code();
        }
        out.flush();
        return runner.lastFailure();
    }

    /**
     * Whether a file descriptor of this process is a terminal. {@code System.console()} is no test for
     * it: on JDK 17 it is null whenever stdout is redirected.
     */
    static boolean isTerminal(int fd) {
        try {
            String t = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Colour is for terminals whose user did not ask for none (https://no-color.org). */
    static boolean colourAllowed(String terminalType) {
        String nc = System.getenv("NO_COLOR");
        return (nc == null || nc.isEmpty()) && terminalType != null && !terminalType.startsWith("dumb");
    }

    /** The history file: $CIL_HISTORY, else ~/.cil_history ($HOME first: the JDK's user.home ignores it). */
    static Path historyFile() {
        String f = System.getenv("CIL_HISTORY");
        if (f != null && !f.isEmpty()) return Path.of(f);
        String home = System.getenv("HOME");
        if (home == null || home.isEmpty()) home = System.getProperty("user.home");
        return Path.of(home, ".cil_history");
    }
}
