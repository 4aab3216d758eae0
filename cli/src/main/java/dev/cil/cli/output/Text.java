package dev.cil.cli.output;

/** Text-mode helpers: terminal-safe strings and bpftool's number and byte formats. */
public final class Text {
    private Text() { }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * Makes a string from the kernel or from packets safe to print on a terminal: control characters
     * (ESC, CR, LF, BEL, …) become a visible {@code \xNN}.
     */
    public static String safe(String s) {
        return s == null ? "" : dev.cil.error.OneLine.of(s);
    }

    /** Lowercase hex without separators. */
    public static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) s.append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
        return s.toString();
    }

    public static String unsigned(int v) { return Integer.toUnsignedString(v); }

    public static String unsigned(long v) { return Long.toUnsignedString(v); }
}
