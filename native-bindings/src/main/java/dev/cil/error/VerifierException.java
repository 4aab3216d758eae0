package dev.cil.error;

/**
 * The verifier rejected a program. {@link #getMessage()} is one line (the program, the errno, and
 * the log's last meaningful line); {@link #log()} is the whole verifier log.
 */
public class VerifierException extends KernelException {
    private static final long serialVersionUID = 1L;
    private final String log;

    public VerifierException(String op, int errno, String log) {
        super(op, errno, lastLine(log));
        this.log = log == null ? "" : log;
    }

    /** The full verifier log. */
    public String log() { return log; }

    /** The last {@code n} lines of the log. */
    public String tail(int n) {
        String[] lines = log.split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, lines.length - n); i < lines.length; i++) b.append(lines[i]).append('\n');
        return b.toString();
    }

    static String lastLine(String log) {
        if (log == null) return null;
        String[] lines = log.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].trim();
            if (!l.isEmpty() && !l.startsWith("processed ") && !l.startsWith("verification time")
                    && !l.startsWith("stack depth")) return "verifier: " + l;
        }
        return null;
    }
}
