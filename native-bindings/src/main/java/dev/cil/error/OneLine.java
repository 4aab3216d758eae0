package dev.cil.error;

/**
 * Keeps error messages to one printable line: names read from files or packets can hold any byte,
 * so control characters (newlines, ESC, …) become a visible {@code \xNN}.
 */
public final class OneLine {
    private OneLine() { }

    public static String of(String s) {
        if (s == null) return null;
        int n = s.length(), i = 0;
        while (i < n && !Character.isISOControl(s.charAt(i))) i++;
        if (i == n) return s;
        StringBuilder b = new StringBuilder(n + 8).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
