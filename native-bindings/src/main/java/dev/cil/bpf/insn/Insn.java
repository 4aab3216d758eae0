package dev.cil.bpf.insn;

/**
 * One 8-byte BPF instruction, decoded ({@code struct bpf_insn}: opcode, destination and source
 * register nibbles, signed 16-bit offset, signed 32-bit immediate; little-endian). Decoding never
 * fails: every byte pattern is an instruction, and the printer decides what it means.
 *
 * @param code the opcode byte (class in the low 3 bits)
 * @param dst  the destination register (low nibble of byte 1)
 * @param src  the source register (high nibble of byte 1)
 * @param off  the signed offset
 * @param imm  the signed immediate
 */
public record Insn(int code, int dst, int src, short off, int imm) {
    /** Size of one instruction in bytes. */
    public static final int SIZE = 8;

    // instruction classes (code & 0x07)
    public static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, JMP32 = 0x06, ALU64 = 0x07;
    // sizes (code & 0x18)
    public static final int SIZE_W = 0x00, SIZE_H = 0x08, SIZE_B = 0x10, SIZE_DW = 0x18;
    // modes (code & 0xe0)
    public static final int MODE_IMM = 0x00, MODE_ABS = 0x20, MODE_IND = 0x40, MODE_MEM = 0x60, MODE_MEMSX = 0x80,
            MODE_ATOMIC = 0xc0;
    // ALU operations (code & 0xf0)
    public static final int OP_ADD = 0x00, OP_SUB = 0x10, OP_MUL = 0x20, OP_DIV = 0x30, OP_OR = 0x40, OP_AND = 0x50,
            OP_LSH = 0x60, OP_RSH = 0x70, OP_NEG = 0x80, OP_MOD = 0x90, OP_XOR = 0xa0, OP_MOV = 0xb0, OP_ARSH = 0xc0,
            OP_END = 0xd0;
    // jump operations (code & 0xf0)
    public static final int OP_JA = 0x00, OP_JEQ = 0x10, OP_CALL = 0x80, OP_EXIT = 0x90, OP_JCOND = 0xe0;
    // source (code & 0x08)
    public static final int SRC_K = 0x00, SRC_X = 0x08;
    // atomic operations (imm of an STX | ATOMIC instruction)
    public static final int FETCH = 0x01, XCHG = 0xe0 | FETCH, CMPXCHG = 0xf0 | FETCH, LOAD_ACQ = 0x100, STORE_REL = 0x110;
    // src_reg of ld_imm64 and call instructions
    public static final int PSEUDO_MAP_FD = 1, PSEUDO_MAP_VALUE = 2, PSEUDO_BTF_ID = 3, PSEUDO_FUNC = 4,
            PSEUDO_MAP_IDX = 5, PSEUDO_MAP_IDX_VALUE = 6;
    public static final int PSEUDO_CALL = 1, PSEUDO_KFUNC_CALL = 2;
    /** src_reg of a {@code JMP | JCOND} instruction that is a may_goto. */
    public static final int MAY_GOTO = 0;

    /** The opcode of a 64-bit immediate load ({@code LD | IMM | DW}), which spans two instructions. */
    public static final int LD_IMM64 = LD | MODE_IMM | SIZE_DW;

    /** Decodes instruction {@code index} of a program (bytes {@code 8*index .. 8*index+7}). */
    public static Insn decode(byte[] prog, int index) {
        int p = index * SIZE;
        if (index < 0 || p + SIZE > prog.length) {
            throw new IndexOutOfBoundsException("instruction " + index + " of " + prog.length / SIZE);
        }
        int regs = prog[p + 1] & 0xff;
        short off = (short) ((prog[p + 2] & 0xff) | (prog[p + 3] & 0xff) << 8);
        int imm = (prog[p + 4] & 0xff) | (prog[p + 5] & 0xff) << 8 | (prog[p + 6] & 0xff) << 16 | (prog[p + 7] & 0xff) << 24;
        return new Insn(prog[p] & 0xff, regs & 0x0f, regs >>> 4, off, imm);
    }

    /** The number of whole instructions in a program of {@code bytes} bytes. */
    public static int count(byte[] prog) { return prog.length / SIZE; }

    public int cls() { return code & 0x07; }

    public int size() { return code & 0x18; }

    public int mode() { return code & 0xe0; }

    public int op() { return code & 0xf0; }

    public int source() { return code & 0x08; }

    /** True for the first half of a 64-bit immediate load. */
    public boolean isLdImm64() { return code == LD_IMM64; }
}
