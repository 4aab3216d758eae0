package dev.cil.bpf.insn;

import java.io.ByteArrayOutputStream;

/**
 * Hand-encoded BPF instructions for tests ({@code struct bpf_insn}, little-endian): no assembler, just
 * the five fields. {@link #prog} concatenates them.
 */
public final class Asm {
    private Asm() { }

    /** One instruction. */
    public static byte[] insn(int code, int dst, int src, int off, int imm) {
        return new byte[] {
            (byte) code, (byte) ((src & 0xf) << 4 | (dst & 0xf)), (byte) off, (byte) (off >> 8),
            (byte) imm, (byte) (imm >> 8), (byte) (imm >> 16), (byte) (imm >> 24),
        };
    }

    /** A 64-bit immediate load: two instructions, the second holding the high half. */
    public static byte[] ldImm64(int dst, int src, int lo, int hi) {
        return prog(insn(0x18, dst, src, 0, lo), insn(0, 0, 0, 0, hi));
    }

    public static byte[] mov64(int dst, int imm) { return insn(0xb7, dst, 0, 0, imm); }

    public static byte[] movReg(int dst, int src) { return insn(0xbf, dst, src, 0, 0); }

    public static byte[] exit() { return insn(0x95, 0, 0, 0, 0); }

    /** Instructions (or programs) one after the other. */
    public static byte[] prog(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }
}
