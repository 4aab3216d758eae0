package dev.cil.daemon;

import java.io.PrintWriter;
import java.time.Instant;

/** The daemon's log: one line per event, {@code TIME LEVEL message}, on the stream it was given (the log file under {@code daemon start}). */
final class DaemonLog {
    private final PrintWriter out;
    private final boolean debug;

    DaemonLog(PrintWriter out, boolean debug) {
        this.out = out;
        this.debug = debug;
    }

    void info(String msg) { line("INFO", msg); }

    void warn(String msg) { line("WARN", msg); }

    void error(String msg, Throwable t) {
        line("ERROR", msg + (t == null ? "" : ": " + t));
        if (t != null && debug) t.printStackTrace(out);
    }

    void debug(String msg) { if (debug) line("DEBUG", msg); }

    private synchronized void line(String level, String msg) {
        out.println(Instant.now() + " " + level + " " + msg);
        out.flush();
    }
}
