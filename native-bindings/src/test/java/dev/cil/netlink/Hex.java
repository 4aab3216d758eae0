package dev.cil.netlink;

/** Hex helpers for golden-byte tests: spaces are ignored. */
final class Hex {
    private Hex() { }

    static byte[] bytes(String hex) {
        String h = hex.replaceAll("\\s+", "");
        if (h.length() % 2 != 0) throw new IllegalArgumentException("odd hex length");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    static String string(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0 && i % 4 == 0) sb.append(' ');
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }
}
