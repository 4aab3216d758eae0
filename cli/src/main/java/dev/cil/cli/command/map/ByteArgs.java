package dev.cil.cli.command.map;

import dev.cil.cli.CilException;
import dev.cil.cli.command.Args;

/**
 * Key and value bytes as bpftool reads them: {@code 0x01 2 003} (each byte as strtoul(…, 0): hex,
 * decimal or octal) or {@code hex 01 02 …}. Also accepted, where bpftool would fail: one run of hex
 * digits after {@code hex} ({@code hex 0a000001}).
 */
final class ByteArgs {
    private ByteArgs() { }

    static byte[] parse(Args a, String name, int n) {
        boolean hex = a.accept("hex");
        byte[] out = new byte[n];
        if (hex && n > 1 && a.hasNext()) {
            String run = a.peek();
            if (run.length() == 2 * n && run.matches("[0-9a-fA-F]+")) {
                a.next(name);
                for (int i = 0; i < n; i++) out[i] = (byte) Integer.parseInt(run.substring(2 * i, 2 * i + 2), 16);
                return out;
            }
        }
        int i = 0;
        while (i < n && a.hasNext() && !isKeyword(a.peek())) {
            out[i++] = parseByte(a.next(name), hex);
        }
        if (i != n) throw CilException.usage(name + " expected " + n + " bytes got " + i);
        return out;
    }

    private static boolean isKeyword(String s) {
        return s.equals("value") || s.equals("key") || s.equals("any") || s.equals("exist") || s.equals("noexist");
    }

    static byte parseByte(String s, boolean hex) {
        try {
            int v;
            if (hex) v = Integer.parseInt(s, 16);
            else if (s.startsWith("0x") || s.startsWith("0X")) v = Integer.parseInt(s.substring(2), 16);
            else if (s.length() > 1 && s.startsWith("0")) v = Integer.parseInt(s.substring(1), 8);
            else v = Integer.parseInt(s);
            if (v < 0 || v > 255) throw new NumberFormatException();
            return (byte) v;
        } catch (NumberFormatException e) {
            throw CilException.usage("error parsing byte: " + s);
        }
    }
}
