package dev.cil.bpf.insn;

import static dev.cil.bpf.insn.Insn.*;

/**
 * Prints one BPF instruction the way the kernel's verifier log and bpftool print it
 * ({@code (b7) r0 = 0}, {@code (85) call bpf_tail_call#12}, {@code (db) lock *(u64 *)(r0 +0) += r7}).
 * The text format is the kernel's ({@code kernel/bpf/disasm.c}, as of Linux 6.18 and bpftool 7.5+);
 * this is an independent implementation of that format. Any byte pattern prints: instructions the
 * kernel does not know come out as its {@code BUG_…} lines, and table slots the kernel leaves empty
 * print as glibc prints a NULL string, {@code (null)}.
 *
 * <p>Names that need more than the instruction (helper names, call targets, map references) come from
 * a {@link Symbols}; its defaults give the kernel's own fallbacks.
 */
public final class InsnPrinter {
    private InsnPrinter() { }

    /** Where the printer gets names from. Every method may return null to take the kernel's fallback. */
    public interface Symbols {
        /** The name of helper function {@code id} ({@code bpf_map_lookup_elem} for 1), or null if unknown. */
        default String helper(int id) { return null; }

        /**
         * The target of a call that is not a known helper: for a bpf-to-bpf call ({@code src_reg} 1) the
         * text after {@code call pc}, for other calls the text before {@code #imm}. Null: the kernel's
         * fallback ({@code %+d} of the immediate for bpf-to-bpf calls, {@code kernel-function} for kfuncs,
         * {@code unknown} otherwise).
         */
        default String call(Insn insn) { return null; }

        /** The value of a 64-bit immediate load ({@code map[id:3]}…); null prints {@code 0x} and the value in hex. */
        default String imm(Insn insn, Insn next, long value) { return null; }
    }

    /** Kernel fallbacks only. */
    public static final Symbols NO_SYMBOLS = new Symbols() { };

    private static final String NULL = "(null)";

    private static final String[] ALU_OPS = {
        "+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian", NULL, NULL,
    };
    private static final String[] JMP_OPS = {
        "jmp", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit", "<", "<=", "s<", "s<=", NULL, NULL,
    };
    private static final String[] LDST = {"u32", "u16", "u8", "u64"};
    private static final String[] LDSX = {"s32", "s16", "s8", NULL};

    /**
     * The text of {@code insn} without a trailing newline. {@code next} is the instruction after it,
     * read only when {@code insn} is a 64-bit immediate load (null: the second half is missing, taken as
     * zero).
     */
    public static String print(Insn insn, Insn next, Symbols symbols) {
        StringBuilder b = new StringBuilder(48);
        b.append('(').append(hex2(insn.code())).append(") ");
        switch (insn.cls()) {
            case ALU:
            case ALU64:
                return alu(b, insn);
            case STX:
                return stx(b, insn);
            case ST:
                return st(b, insn);
            case LDX:
                return ldx(b, insn);
            case LD:
                return ld(b, insn, next, symbols);
            default:
                return jmp(b, insn, symbols);
        }
    }

    private static String alu(StringBuilder b, Insn i) {
        boolean is64 = i.cls() == ALU64;
        char r = is64 ? 'r' : 'w';
        int op = i.op();
        if (op == OP_END) {
            if (is64) return b.append('r').append(i.dst()).append(" = bswap").append(i.imm()).append(" r").append(i.dst()).toString();
            return b.append('r').append(i.dst()).append(" = ").append(i.source() == SRC_X ? "be" : "le").append(i.imm())
                    .append(" r").append(i.dst()).toString();
        }
        if (op == OP_NEG) return b.append(r).append(i.dst()).append(" = -").append(r).append(i.dst()).toString();
        if (i.code() == (ALU64 | OP_MOV | SRC_X) && i.off() == 1) {
            // arena pointer cast: the two address spaces are the immediate's halves
            return b.append('r').append(i.dst()).append(" = addr_space_cast(r").append(i.src()).append(", ")
                    .append(i.imm() >>> 16).append(", ").append(i.imm() & 0xffff).append(')').toString();
        }
        if (i.code() == (ALU64 | OP_MOV | SRC_X) && i.off() == -1) {
            return b.append('r').append(i.dst()).append(" = &(void __percpu *)(r").append(i.src()).append(')').toString();
        }
        String sym = (op == OP_DIV || op == OP_MOD) && i.off() == 1 ? (op == OP_DIV ? "s/=" : "s%=") : ALU_OPS[op >> 4];
        b.append(r).append(i.dst()).append(' ').append(sym).append(' ');
        if (i.source() == SRC_X) {
            if (op == OP_MOV && (i.off() == 8 || i.off() == 16 || i.off() == 32)) {
                b.append(i.off() == 8 ? "(s8)" : i.off() == 16 ? "(s16)" : "(s32)");
            }
            return b.append(r).append(i.src()).toString();
        }
        return b.append(i.imm()).toString();
    }

    /** {@code (r<reg> <signed off>)}: the kernel's memory operand. */
    private static StringBuilder mem(StringBuilder b, String type, int reg, int off) {
        return b.append('(').append(type).append(" *)(r").append(reg).append(' ').append(signed(off)).append(')');
    }

    private static String stx(StringBuilder b, Insn i) {
        String type = LDST[i.size() >> 3];
        if (i.mode() == MODE_MEM) {
            b.append('*');
            return mem(b, type, i.dst(), i.off()).append(" = r").append(i.src()).toString();
        }
        if (i.mode() != MODE_ATOMIC) return bug(i);
        String width = i.size() == SIZE_DW ? "64" : "";
        int a = i.imm();
        switch (a) {
            case OP_ADD: case OP_AND: case OP_OR: case OP_XOR:
                b.append("lock *");
                return mem(b, type, i.dst(), i.off()).append(' ').append(ALU_OPS[a >> 4]).append(" r").append(i.src()).toString();
            case OP_ADD | FETCH: case OP_AND | FETCH: case OP_OR | FETCH: case OP_XOR | FETCH: {
                String name = a == (OP_ADD | FETCH) ? "add" : a == (OP_AND | FETCH) ? "and" : a == (OP_OR | FETCH) ? "or" : "xor";
                b.append('r').append(i.src()).append(" = atomic").append(width).append("_fetch_").append(name).append('(');
                return mem(b, type, i.dst(), i.off()).append(", r").append(i.src()).append(')').toString();
            }
            case CMPXCHG:
                b.append("r0 = atomic").append(width).append("_cmpxchg(");
                return mem(b, type, i.dst(), i.off()).append(", r0, r").append(i.src()).append(')').toString();
            case XCHG:
                b.append('r').append(i.src()).append(" = atomic").append(width).append("_xchg(");
                return mem(b, type, i.dst(), i.off()).append(", r").append(i.src()).append(')').toString();
            case LOAD_ACQ:
                b.append('r').append(i.dst()).append(" = load_acquire(");
                return mem(b, type, i.src(), i.off()).append(')').toString();
            case STORE_REL:
                b.append("store_release(");
                return mem(b, type, i.dst(), i.off()).append(", r").append(i.src()).append(')').toString();
            default:
                return bug(i);
        }
    }

    private static String bug(Insn i) { return "BUG_" + hex2(i.code()); }

    private static String st(StringBuilder b, Insn i) {
        if (i.mode() == MODE_MEM) {
            b.append('*');
            return mem(b, LDST[i.size() >> 3], i.dst(), i.off()).append(" = ").append(i.imm()).toString();
        }
        if (i.mode() == 0xc0) return b.append("nospec").toString(); // BPF_NOSPEC: kernel-internal speculation barrier
        return "BUG_st_" + hex2(i.code());
    }

    private static String ldx(StringBuilder b, Insn i) {
        if (i.mode() != MODE_MEM && i.mode() != MODE_MEMSX) return "BUG_ldx_" + hex2(i.code());
        String type = i.mode() == MODE_MEM ? LDST[i.size() >> 3] : LDSX[i.size() >> 3];
        b.append('r').append(i.dst()).append(" = *");
        return mem(b, type, i.src(), i.off()).toString();
    }

    private static String ld(StringBuilder b, Insn i, Insn next, Symbols s) {
        String type = LDST[i.size() >> 3];
        if (i.mode() == MODE_ABS) {
            return b.append("r0 = *(").append(type).append(" *)skb[").append(i.imm()).append(']').toString();
        }
        if (i.mode() == MODE_IND) {
            return b.append("r0 = *(").append(type).append(" *)skb[r").append(i.src()).append(" + ").append(i.imm())
                    .append(']').toString();
        }
        if (i.mode() == MODE_IMM && i.size() == SIZE_DW) {
            long value = (long) (next == null ? 0 : next.imm()) << 32 | Integer.toUnsignedLong(i.imm());
            String text = s.imm(i, next, value);
            if (text == null) text = "0x" + Long.toHexString(value);
            return b.append('r').append(i.dst()).append(" = ").append(text).toString();
        }
        return "BUG_ld_" + hex2(i.code());
    }

    private static String jmp(StringBuilder b, Insn i, Symbols s) {
        boolean is32 = i.cls() == JMP32;
        int op = i.op();
        if (op == OP_CALL) {
            if (i.src() == PSEUDO_CALL) return b.append("call pc").append(callName(i, s)).toString();
            return b.append("call ").append(callName(i, s)).append('#').append(i.imm()).toString();
        }
        if (i.code() == (JMP | OP_JA)) return b.append("goto pc").append(signed(i.off())).toString();
        if (i.code() == (JMP | OP_JA | SRC_X)) return b.append("gotox r").append(i.dst()).toString();
        if (i.code() == (JMP | OP_JCOND) && i.src() == MAY_GOTO) return b.append("may_goto pc").append(signed(i.off())).toString();
        if (i.code() == (JMP32 | OP_JA)) return b.append("gotol pc").append(signed(i.imm())).toString();
        if (i.code() == (JMP | OP_EXIT)) return b.append("exit").toString();
        char r = is32 ? 'w' : 'r';
        b.append("if ").append(r).append(i.dst()).append(' ').append(JMP_OPS[op >> 4]).append(' ');
        if (i.source() == SRC_X) b.append(r).append(i.src());
        else b.append("0x").append(Integer.toHexString(i.imm()));
        return b.append(" goto pc").append(signed(i.off())).toString();
    }

    private static String callName(Insn i, Symbols s) {
        if (i.src() == 0 && i.imm() >= 0) {
            String h = s.helper(i.imm());
            if (h != null) return h;
        }
        String c = s.call(i);
        if (c != null) return c;
        if (i.src() == PSEUDO_CALL) return signed(i.imm());
        if (i.src() == PSEUDO_KFUNC_CALL) return "kernel-function";
        return "unknown";
    }

    /** {@code %+d}. */
    static String signed(int v) { return v >= 0 ? "+" + v : Integer.toString(v); }

    /** {@code %02x}. */
    static String hex2(int v) {
        String h = Integer.toHexString(v);
        return h.length() < 2 ? "0" + h : h;
    }
}
