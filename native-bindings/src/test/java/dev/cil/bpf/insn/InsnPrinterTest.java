package dev.cil.bpf.insn;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.cil.bpf.insn.Asm.insn;
import static dev.cil.bpf.insn.Asm.ldImm64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The printer on hand-encoded instructions, against the kernel's text format (kernel/bpf/disasm.c of
 * Linux 6.18, bpftool 7.5): every class, mode and operation, the kernel's BUG_ lines for what it does
 * not know, and random bytes that must never throw. Real programs are compared with bpftool itself in
 * cli's ProgDumpKernelIT.
 */
class InsnPrinterTest {
    /** Names as bpftool would give them for a program whose map and call targets are known. */
    static final InsnPrinter.Symbols NAMES = new InsnPrinter.Symbols() {
        @Override public String helper(int id) { return id == 1 ? "bpf_map_lookup_elem" : id == 12 ? "bpf_tail_call" : null; }

        @Override public String call(Insn i) {
            return i.src() == Insn.PSEUDO_CALL ? InsnPrinter.signed(i.off()) + "#bpf_prog_0123456789abcdef_sub" : "htab_map_update_elem";
        }

        @Override public String imm(Insn i, Insn next, long value) {
            return new XlatedSymbols(id -> null, KernelSymbols::empty, new long[0]).imm(i, next, value);
        }
    };

    static String p(byte[] insn) { return p(insn, InsnPrinter.NO_SYMBOLS); }

    static String p(byte[] insn, InsnPrinter.Symbols s) {
        Insn i = Insn.decode(insn, 0);
        Insn next = insn.length >= 16 ? Insn.decode(insn, 1) : null;
        return InsnPrinter.print(i, next, s);
    }

    @Test
    void decodesTheFields() {
        Insn i = Insn.decode(insn(0x61, 1, 6, -112, -5), 0);
        assertEquals(0x61, i.code());
        assertEquals(1, i.dst());
        assertEquals(6, i.src());
        assertEquals(-112, i.off());
        assertEquals(-5, i.imm());
        assertEquals(Insn.LDX, i.cls());
        assertEquals(Insn.MODE_MEM, i.mode());
        assertEquals(Insn.SIZE_W, i.size());
    }

    @Test
    void alu64() {
        assertEquals("(07) r1 += 5", p(insn(0x07, 1, 0, 0, 5)));
        assertEquals("(0f) r1 += r2", p(insn(0x0f, 1, 2, 0, 0)));
        assertEquals("(17) r1 -= -3", p(insn(0x17, 1, 0, 0, -3)));
        assertEquals("(27) r1 *= 3", p(insn(0x27, 1, 0, 0, 3)));
        assertEquals("(37) r1 /= 3", p(insn(0x37, 1, 0, 0, 3)));
        assertEquals("(47) r1 |= 8", p(insn(0x47, 1, 0, 0, 8)));
        assertEquals("(57) r1 &= 7", p(insn(0x57, 1, 0, 0, 7)));
        assertEquals("(67) r0 <<= 3", p(insn(0x67, 0, 0, 0, 3)));
        assertEquals("(77) r0 >>= 32", p(insn(0x77, 0, 0, 0, 32)));
        assertEquals("(87) r1 = -r1", p(insn(0x87, 1, 0, 0, 0)));
        assertEquals("(97) r1 %= 5", p(insn(0x97, 1, 0, 0, 5)));
        assertEquals("(a7) r1 ^= 255", p(insn(0xa7, 1, 0, 0, 255)));
        assertEquals("(b7) r0 = 0", p(insn(0xb7, 0, 0, 0, 0)));
        assertEquals("(b7) r0 = -2085560268", p(insn(0xb7, 0, 0, 0, -2085560268)));
        assertEquals("(bf) r6 = r1", p(insn(0xbf, 6, 1, 0, 0)));
        assertEquals("(cf) r1 s>>= r2", p(insn(0xcf, 1, 2, 0, 0)));
        assertEquals("(e7) r1 (null) 5", p(insn(0xe7, 1, 0, 0, 5)), "an operation the kernel has no name for");
        assertEquals("(ff) r1 (null) r2", p(insn(0xff, 1, 2, 0, 0)));
    }

    @Test
    void alu32() {
        assertEquals("(04) w1 += 5", p(insn(0x04, 1, 0, 0, 5)));
        assertEquals("(0c) w7 += w1", p(insn(0x0c, 7, 1, 0, 0)));
        assertEquals("(24) w7 *= 3", p(insn(0x24, 7, 0, 0, 3)));
        assertEquals("(74) w1 >>= 2", p(insn(0x74, 1, 0, 0, 2)));
        assertEquals("(84) w1 = -w1", p(insn(0x84, 1, 0, 0, 0)));
        assertEquals("(ac) w9 ^= w7", p(insn(0xac, 9, 7, 0, 0)));
        assertEquals("(b4) w0 = -7", p(insn(0xb4, 0, 0, 0, -7)));
        assertEquals("(bc) w1 = w2", p(insn(0xbc, 1, 2, 1, 0)), "off 1 is an arena cast only for 64-bit moves");
    }

    @Test
    void signedDivisionModuloAndSignExtendingMoves() {
        assertEquals("(37) r1 s/= 3", p(insn(0x37, 1, 0, 1, 3)));
        assertEquals("(3f) r1 s/= r2", p(insn(0x3f, 1, 2, 1, 0)));
        assertEquals("(97) r1 s%= -3", p(insn(0x97, 1, 0, 1, -3)));
        assertEquals("(9f) r1 s%= r2", p(insn(0x9f, 1, 2, 1, 0)));
        assertEquals("(34) w1 s/= 7", p(insn(0x34, 1, 0, 1, 7)));
        assertEquals("(9c) w1 s%= w2", p(insn(0x9c, 1, 2, 1, 0)));
        assertEquals("(3f) r1 /= r2", p(insn(0x3f, 1, 2, 2, 0)), "only off 1 means signed");
        assertEquals("(bf) r3 = (s8)r1", p(insn(0xbf, 3, 1, 8, 0)));
        assertEquals("(bf) r3 = (s16)r1", p(insn(0xbf, 3, 1, 16, 0)));
        assertEquals("(bf) r3 = (s32)r1", p(insn(0xbf, 3, 1, 32, 0)));
        assertEquals("(bc) w3 = (s8)w1", p(insn(0xbc, 3, 1, 8, 0)));
        assertEquals("(bc) w3 = (s16)w1", p(insn(0xbc, 3, 1, 16, 0)));
        assertEquals("(b7) r3 = 4", p(insn(0xb7, 3, 0, 8, 4)), "an immediate move is never sign-extending");
    }

    @Test
    void byteSwapsAndEndianness() {
        assertEquals("(d7) r1 = bswap16 r1", p(insn(0xd7, 1, 0, 0, 16)));
        assertEquals("(d7) r1 = bswap32 r1", p(insn(0xd7, 1, 0, 0, 32)));
        assertEquals("(d7) r1 = bswap64 r1", p(insn(0xd7, 1, 0, 0, 64)));
        assertEquals("(d4) r1 = le16 r1", p(insn(0xd4, 1, 0, 0, 16)));
        assertEquals("(dc) r2 = be32 r2", p(insn(0xdc, 2, 0, 0, 32)));
        assertEquals("(dc) r2 = be64 r2", p(insn(0xdc, 2, 0, 0, 64)));
    }

    @Test
    void kernelInternalMoves() {
        assertEquals("(bf) r1 = addr_space_cast(r2, 1, 0)", p(insn(0xbf, 1, 2, 1, 1 << 16)));
        assertEquals("(bf) r1 = addr_space_cast(r2, 0, 1)", p(insn(0xbf, 1, 2, 1, 1)));
        assertEquals("(bf) r1 = addr_space_cast(r2, 65535, 65535)", p(insn(0xbf, 1, 2, 1, -1)));
        assertEquals("(bf) r0 = &(void __percpu *)(r0)", p(insn(0xbf, 0, 0, -1, 0)));
    }

    @Test
    void storesAndLoads() {
        assertEquals("(63) *(u32 *)(r10 -4) = r1", p(insn(0x63, 10, 1, -4, 0)));
        assertEquals("(6b) *(u16 *)(r1 +2) = r3", p(insn(0x6b, 1, 3, 2, 0)));
        assertEquals("(73) *(u8 *)(r1 +0) = r2", p(insn(0x73, 1, 2, 0, 0)));
        assertEquals("(7b) *(u64 *)(r10 -16) = r7", p(insn(0x7b, 10, 7, -16, 0)));
        assertEquals("(62) *(u32 *)(r10 -8) = 42", p(insn(0x62, 10, 0, -8, 42)));
        assertEquals("(6a) *(u16 *)(r1 +32767) = -1", p(insn(0x6a, 1, 0, 32767, -1)));
        assertEquals("(72) *(u8 *)(r1 -32768) = 0", p(insn(0x72, 1, 0, -32768, 0)));
        assertEquals("(7a) *(u64 *)(r10 -8) = -1", p(insn(0x7a, 10, 0, -8, -1)));
        assertEquals("(61) r1 = *(u32 *)(r6 +112)", p(insn(0x61, 1, 6, 112, 0)));
        assertEquals("(69) r1 = *(u16 *)(r6 +176)", p(insn(0x69, 1, 6, 176, 0)));
        assertEquals("(71) r1 = *(u8 *)(r6 +0)", p(insn(0x71, 1, 6, 0, 0)));
        assertEquals("(79) r8 = *(u64 *)(r10 -24)", p(insn(0x79, 8, 10, -24, 0)));
        assertEquals("(81) r1 = *(s32 *)(r2 +0)", p(insn(0x81, 1, 2, 0, 0)));
        assertEquals("(89) r1 = *(s16 *)(r2 -2)", p(insn(0x89, 1, 2, -2, 0)));
        assertEquals("(91) r1 = *(s8 *)(r2 +1)", p(insn(0x91, 1, 2, 1, 0)));
        assertEquals("(99) r1 = *((null) *)(r2 +0)", p(insn(0x99, 1, 2, 0, 0)), "no 64-bit sign-extending load exists");
        assertEquals("(c2) nospec", p(insn(0xc2, 0, 0, 0, 0)));
    }

    @Test
    void atomics() {
        assertEquals("(db) lock *(u64 *)(r0 +0) += r7", p(insn(0xdb, 0, 7, 0, 0x00)));
        assertEquals("(c3) lock *(u32 *)(r1 +4) &= r2", p(insn(0xc3, 1, 2, 4, 0x50)));
        assertEquals("(db) lock *(u64 *)(r6 +0) |= r0", p(insn(0xdb, 6, 0, 0, 0x40)));
        assertEquals("(db) lock *(u64 *)(r6 +0) ^= r0", p(insn(0xdb, 6, 0, 0, 0xa0)));
        assertEquals("(db) r3 = atomic64_fetch_add((u64 *)(r1 +0), r3)", p(insn(0xdb, 1, 3, 0, 0x01)));
        assertEquals("(db) r2 = atomic64_fetch_and((u64 *)(r1 +0), r2)", p(insn(0xdb, 1, 2, 0, 0x51)));
        assertEquals("(c3) r2 = atomic_fetch_or((u32 *)(r1 +8), r2)", p(insn(0xc3, 1, 2, 8, 0x41)));
        assertEquals("(c3) r5 = atomic_fetch_xor((u32 *)(r1 -8), r5)", p(insn(0xc3, 1, 5, -8, 0xa1)));
        assertEquals("(db) r3 = atomic64_xchg((u64 *)(r1 +0), r3)", p(insn(0xdb, 1, 3, 0, 0xe1)));
        assertEquals("(c3) r8 = atomic_xchg((u32 *)(r1 +0), r8)", p(insn(0xc3, 1, 8, 0, 0xe1)));
        assertEquals("(db) r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r3)", p(insn(0xdb, 1, 3, 0, 0xf1)));
        assertEquals("(c3) r0 = atomic_cmpxchg((u32 *)(r1 +0), r0, r2)", p(insn(0xc3, 1, 2, 0, 0xf1)));
        assertEquals("(db) r3 = load_acquire((u64 *)(r10 -8))", p(insn(0xdb, 3, 10, -8, 0x100)));
        assertEquals("(d3) r1 = load_acquire((u8 *)(r2 +0))", p(insn(0xd3, 1, 2, 0, 0x100)));
        assertEquals("(db) store_release((u64 *)(r10 -8), r1)", p(insn(0xdb, 10, 1, -8, 0x110)));
        assertEquals("(cb) store_release((u16 *)(r10 -2), r1)", p(insn(0xcb, 10, 1, -2, 0x110)));
    }

    @Test
    void whatTheKernelCannotPrint() {
        assertEquals("BUG_db", p(insn(0xdb, 1, 2, 0, 0x02)), "atomic with an unknown operation");
        assertEquals("BUG_c3", p(insn(0xc3, 1, 2, 0, 0x60)));
        assertEquals("BUG_23", p(insn(0x23, 1, 2, 0, 0)), "stx in ABS mode");
        assertEquals("BUG_st_22", p(insn(0x22, 1, 0, 0, 0)));
        assertEquals("BUG_st_a2", p(insn(0xa2, 1, 0, 0, 0)), "st in an undefined mode");
        assertEquals("(da) nospec", p(insn(0xda, 1, 0, 0, 0)), "st in the atomic mode is the kernel's nospec, whatever the size");
        assertEquals("BUG_ldx_21", p(insn(0x21, 1, 2, 0, 0)));
        assertEquals("BUG_ldx_c1", p(insn(0xc1, 1, 2, 0, 0)));
        assertEquals("BUG_ld_00", p(insn(0x00, 1, 0, 0, 0)));
        assertEquals("BUG_ld_60", p(insn(0x60, 1, 0, 0, 0)));
    }

    @Test
    void packetLoads() {
        assertEquals("(20) r0 = *(u32 *)skb[12]", p(insn(0x20, 0, 0, 0, 12)));
        assertEquals("(28) r0 = *(u16 *)skb[12]", p(insn(0x28, 0, 0, 0, 12)));
        assertEquals("(30) r0 = *(u8 *)skb[23]", p(insn(0x30, 0, 0, 0, 23)));
        assertEquals("(40) r0 = *(u32 *)skb[r3 + 4]", p(insn(0x40, 0, 3, 0, 4)));
        assertEquals("(50) r0 = *(u8 *)skb[r3 + -1]", p(insn(0x50, 0, 3, 0, -1)));
    }

    @Test
    void wideImmediates() {
        assertEquals("(18) r1 = 0x123456789abcdef", p(ldImm64(1, 0, 0x89abcdef, 0x01234567)));
        assertEquals("(18) r1 = 0xffffffffffffffff", p(ldImm64(1, 0, -1, -1)));
        assertEquals("(18) r0 = 0x0", p(ldImm64(0, 0, 0, 0)));
        assertEquals("(18) r1 = 0x5", p(insn(0x18, 1, 0, 0, 5)), "a missing second half reads as 0");
        assertEquals("(18) r1 = 0x2a", p(ldImm64(1, 1, 42, 0)), "no symbols: the kernel prints the value");
        assertEquals("(18) r1 = map[id:42]", p(ldImm64(1, 1, 42, 0), NAMES));
        assertEquals("(18) r2 = map[id:770][0]+8", p(ldImm64(2, 2, 770, 8), NAMES));
        assertEquals("(18) r2 = map[idx:3]+16", p(ldImm64(2, 6, 3, 16), NAMES));
        assertEquals("(18) r2 = subprog[+101]", p(ldImm64(2, 4, 101, 0), NAMES));
        assertEquals("(18) r2 = subprog[-5]", p(ldImm64(2, 4, -5, 0), NAMES));
        assertEquals("(18) r2 = 0xffffffff82001234", p(ldImm64(2, 3, 0x82001234, -1), NAMES), "btf_id: an address");
    }

    @Test
    void jumps() {
        assertEquals("(05) goto pc+8", p(insn(0x05, 0, 0, 8, 0)));
        assertEquals("(05) goto pc-6", p(insn(0x05, 0, 0, -6, 0)));
        assertEquals("(05) goto pc+0", p(insn(0x05, 0, 0, 0, 0)));
        assertEquals("(06) gotol pc+1", p(insn(0x06, 0, 0, 0, 1)));
        assertEquals("(06) gotol pc-70000", p(insn(0x06, 0, 0, 0, -70000)));
        assertEquals("(0d) gotox r3", p(insn(0x0d, 3, 0, 0, 0)));
        assertEquals("(e5) may_goto pc+2", p(insn(0xe5, 0, 0, 2, 0)));
        assertEquals("(e5) if r0 (null) 0x0 goto pc+2", p(insn(0xe5, 0, 1, 2, 0)), "a JCOND the kernel does not know");
        assertEquals("(95) exit", p(insn(0x95, 0, 0, 0, 0)));
        assertEquals("(96) if w0 exit 0x0 goto pc+0", p(insn(0x96, 0, 0, 0, 0)));
        assertEquals("(15) if r0 == 0x0 goto pc+1", p(insn(0x15, 0, 0, 1, 0)));
        assertEquals("(1d) if r1 == r2 goto pc-3", p(insn(0x1d, 1, 2, -3, 0)));
        assertEquals("(25) if r1 > 0x10 goto pc+1", p(insn(0x25, 1, 0, 1, 16)));
        assertEquals("(35) if r0 >= 0x4 goto pc+3", p(insn(0x35, 0, 0, 3, 4)));
        assertEquals("(45) if r1 & 0x1 goto pc+1", p(insn(0x45, 1, 0, 1, 1)));
        assertEquals("(55) if r1 != 0xffffffff goto pc+1", p(insn(0x55, 1, 0, 1, -1)));
        assertEquals("(65) if r1 s> 0x5 goto pc+1", p(insn(0x65, 1, 0, 1, 5)));
        assertEquals("(75) if r1 s>= 0x5 goto pc+1", p(insn(0x75, 1, 0, 1, 5)));
        assertEquals("(a5) if r1 < 0x5 goto pc+1", p(insn(0xa5, 1, 0, 1, 5)));
        assertEquals("(b5) if r1 <= 0x800000 goto pc+2", p(insn(0xb5, 1, 0, 2, 0x800000)));
        assertEquals("(c5) if r1 s< 0x5 goto pc+1", p(insn(0xc5, 1, 0, 1, 5)));
        assertEquals("(d5) if r1 s<= 0x5 goto pc+1", p(insn(0xd5, 1, 0, 1, 5)));
        assertEquals("(3d) if r7 >= r6 goto pc+5", p(insn(0x3d, 7, 6, 5, 0)));
        assertEquals("(16) if w1 == 0x5 goto pc+1", p(insn(0x16, 1, 0, 1, 5)));
        assertEquals("(a6) if w9 < 0x3e9 goto pc+2", p(insn(0xa6, 9, 0, 2, 1001)));
        assertEquals("(c6) if w9 s< 0x1388 goto pc+2", p(insn(0xc6, 9, 0, 2, 5000)));
        assertEquals("(ce) if w1 s< w2 goto pc-1", p(insn(0xce, 1, 2, -1, 0)));
        assertEquals("(f5) if r1 (null) 0x0 goto pc+0", p(insn(0xf5, 1, 0, 0, 0)));
    }

    @Test
    void calls() {
        assertEquals("(85) call bpf_map_lookup_elem#1", p(insn(0x85, 0, 0, 0, 1), NAMES));
        assertEquals("(85) call bpf_tail_call#12", p(insn(0x85, 0, 0, 0, 12), NAMES));
        assertEquals("(85) call htab_map_update_elem#343552", p(insn(0x85, 0, 0, 0, 343552), NAMES));
        assertEquals("(85) call pc+155#bpf_prog_0123456789abcdef_sub", p(insn(0x85, 0, 1, 155, 1), NAMES));
        assertEquals("(85) call htab_map_update_elem#-1234", p(insn(0x85, 0, 2, 0, -1234), NAMES), "kfunc");
        assertEquals("(85) call unknown#1", p(insn(0x85, 0, 0, 0, 1)), "no names: the kernel's fallback");
        assertEquals("(85) call pc+3", p(insn(0x85, 0, 1, 5, 3)), "no names: the immediate");
        assertEquals("(85) call kernel-function#-1234", p(insn(0x85, 0, 2, 0, -1234)));
        assertEquals("(86) call unknown#7", p(insn(0x86, 0, 0, 0, 7)), "a call in the JMP32 class");
    }

    @Test
    void randomInstructionsNeverThrow() {
        Random r = new Random(4);
        byte[] two = new byte[16];
        for (int n = 0; n < 300_000; n++) {
            r.nextBytes(two);
            if (n % 3 == 0) two[0] = 0x18;   // many wide loads
            String a = InsnPrinter.print(Insn.decode(two, 0), Insn.decode(two, 1), NAMES);
            String b = InsnPrinter.print(Insn.decode(two, 0), null, InsnPrinter.NO_SYMBOLS);
            assertFalse(a.isEmpty());
            assertTrue(a.startsWith("(") || a.startsWith("BUG_"), a);
            assertTrue(b.startsWith("(") || b.startsWith("BUG_"), b);
            assertFalse(a.contains("\n"), a);
        }
    }

    @Test
    void everyOpcodeWithEveryRegisterPairPrints() {
        for (int code = 0; code < 256; code++) {
            for (int regs = 0; regs < 256; regs += 17) {
                byte[] b = Asm.prog(insn(code, regs & 0xf, regs >> 4, -1, 0x80000000), insn(0, 0, 0, 0, 1));
                String s = InsnPrinter.print(Insn.decode(b, 0), Insn.decode(b, 1), NAMES);
                assertTrue(s.startsWith(String.format("(%02x) ", code)) || s.startsWith("BUG_"), s);
            }
        }
    }
}
