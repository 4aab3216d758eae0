package dev.cil.cli.command;

import dev.cil.cli.CilException;

import java.util.List;

/**
 * A cursor over bpftool-style positional arguments ({@code id 42}, {@code key hex 01 02}). A keyword
 * matches by prefix, as bpftool's {@code is_prefix}: {@code i 42} is {@code id 42}.
 */
public final class Args {
    private final List<String> args;
    private int pos;

    public Args(List<String> args) { this.args = args == null ? List.of() : args; }

    public boolean hasNext() { return pos < args.size(); }

    public int remaining() { return args.size() - pos; }

    public String peek() { return hasNext() ? args.get(pos) : null; }

    /** True (and consumes it) when the next argument is a non-empty prefix of {@code keyword}. */
    public boolean accept(String keyword) {
        if (hasNext() && isPrefix(args.get(pos), keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    /** True when the next argument is a prefix of {@code keyword} (not consumed). */
    public boolean nextIs(String keyword) { return hasNext() && isPrefix(args.get(pos), keyword); }

    /** The next argument; a usage error naming {@code what} when there is none. */
    public String next(String what) {
        if (!hasNext()) throw CilException.usage("missing " + what);
        return args.get(pos++);
    }

    /** The value after keyword {@code kw}: a usage error when it is missing. */
    public String valueOf(String kw) {
        if (!hasNext()) throw CilException.usage("what is '" + kw + "'? (missing value)");
        return args.get(pos++);
    }

    /** Fails with a usage error when arguments are left. */
    public void end() {
        if (hasNext()) throw CilException.usage("unexpected argument '" + args.get(pos) + "'");
    }

    public static boolean isPrefix(String pfx, String word) {
        return !pfx.isEmpty() && word.startsWith(pfx);
    }

    /** An unsigned 32-bit id as strtoul(…, 0) reads it: decimal, 0x hex, or 0 octal. */
    public static int parseId(String s) {
        try {
            long v;
            if (s.startsWith("0x") || s.startsWith("0X")) v = Long.parseLong(s.substring(2), 16);
            else if (s.length() > 1 && s.startsWith("0")) v = Long.parseLong(s.substring(1), 8);
            else v = Long.parseLong(s);
            if (v < 0 || v > 0xffffffffL) throw new NumberFormatException();
            return (int) v;
        } catch (NumberFormatException e) {
            throw CilException.usage("can't parse " + s + " as ID");
        }
    }
}
