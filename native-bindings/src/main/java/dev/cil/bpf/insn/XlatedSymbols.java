package dev.cil.bpf.insn;

import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * bpftool's names for a translated program: helpers by id from {@link HelperNames}; other calls by
 * the kernel symbol at their address ({@code call __htab_map_lookup_elem#330864}), bpf-to-bpf calls as
 * {@code pc+5#bpf_prog_<tag>_<name>} from the program's JIT symbols; 64-bit immediates that the
 * kernel gives back as map references as {@code map[id:42]} and {@code map[id:42][0]+16}, function
 * pointers as {@code subprog[+N]}, anything else in hex.
 *
 * <p>The symbol table is read only when a call needs it.
 */
public final class XlatedSymbols implements InsnPrinter.Symbols {
    private final IntFunction<String> helpers;
    private final Supplier<KernelSymbols> kallsyms;
    private final long[] jitedKsyms;
    private KernelSymbols syms;

    /**
     * @param helpers    helper names by id (null when unknown), e.g. {@code HelperNames.kernel()::name}
     * @param kallsyms   the kernel symbol table, asked for at most once, on the first call that needs it
     * @param jitedKsyms the JIT address of the program and each subprogram (empty if not JITed)
     */
    public XlatedSymbols(IntFunction<String> helpers, Supplier<KernelSymbols> kallsyms, long[] jitedKsyms) {
        this.helpers = helpers;
        this.kallsyms = kallsyms;
        this.jitedKsyms = jitedKsyms.clone();
    }

    private KernelSymbols syms() {
        if (syms == null) syms = kallsyms.get();
        return syms;
    }

    @Override
    public String helper(int id) { return helpers.apply(id); }

    @Override
    public String call(Insn insn) {
        KernelSymbols k = syms();
        long address = k.callBase() + insn.imm();
        if (insn.src() == Insn.PSEUDO_CALL && Integer.compareUnsigned(insn.imm(), jitedKsyms.length) < 0) {
            address = jitedKsyms[insn.imm()];
        }
        String sym = k.lookup(address);
        if (insn.src() == Insn.PSEUDO_CALL) {
            String off = InsnPrinter.signed(insn.off());
            if (jitedKsyms.length == 0) return off;      // interpreted: no addresses to show
            return sym != null ? off + "#" + sym : off + "#0x" + Long.toHexString(address);
        }
        return sym != null ? sym : "0x" + Long.toHexString(address);
    }

    @Override
    public String imm(Insn insn, Insn next, long value) {
        int second = next == null ? 0 : next.imm();
        switch (insn.src()) {
            case Insn.PSEUDO_MAP_FD:
                return "map[id:" + Integer.toUnsignedString(insn.imm()) + "]";
            case Insn.PSEUDO_MAP_VALUE:
                return "map[id:" + Integer.toUnsignedString(insn.imm()) + "][0]+" + Integer.toUnsignedString(second);
            case Insn.PSEUDO_MAP_IDX_VALUE:
                return "map[idx:" + Integer.toUnsignedString(insn.imm()) + "]+" + Integer.toUnsignedString(second);
            case Insn.PSEUDO_FUNC:
                return "subprog[" + InsnPrinter.signed(insn.imm()) + "]";
            default:
                return null;
        }
    }
}
