package dev.cil.cli.shell;

import dev.cil.cli.CilException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell line into words as a POSIX shell would for simple commands: blanks separate words,
 * {@code '…'} quotes literally, {@code "…"} quotes with backslash escapes for {@code \" \\ \$ \`},
 * a backslash outside quotes escapes the next character, {@code #} at the start of a word begins a
 * comment, and an unquoted {@code |} ends the cil command: the rest of the line is a program the
 * output is piped to.
 */
public final class Tokenizer {
    private Tokenizer() { }

    /** The words of a line and the program after {@code |} (null when there is no pipe). */
    public record Line(List<String> words, String pipe) { }

    public static Line split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        int i = 0, n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
                i++;
            } else if (c == '#' && w == null) {
                break;
            } else if (c == '|') {
                if (w != null) words.add(w.toString());
                String rest = line.substring(i + 1).trim();
                if (rest.isEmpty()) throw CilException.usage("nothing to pipe to after '|'");
                return new Line(words, rest);
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw CilException.usage("unterminated quote (')");
                if (w == null) w = new StringBuilder();
                w.append(line, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                if (w == null) w = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        w.append(line.charAt(i + 1));
                        i += 2;
                    } else {
                        w.append(d);
                        i++;
                    }
                }
                if (!closed) throw CilException.usage("unterminated quote (\")");
            } else if (c == '\\') {
                if (w == null) w = new StringBuilder();
                if (i + 1 < n) w.append(line.charAt(i + 1));
                i += 2;
            } else {
                if (w == null) w = new StringBuilder();
                w.append(c);
                i++;
            }
        }
        if (w != null) words.add(w.toString());
        return new Line(words, null);
    }
}
