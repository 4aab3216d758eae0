package dev.cil.elf;

import dev.cil.btf.BtfExt;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A program as the object file defines it, linked: its own instructions followed by every
 * subprogram it calls (directly or not), each appended once, in the order libbpf appends them
 * (depth first, at the first call), with bpf-to-bpf call and function-address immediates fixed.
 *
 * <p>What still depends on the running kernel is left for the loader and listed in
 * {@link #references()}: each {@code ld_imm64} that loads a map (src_reg 1, BPF_PSEUDO_MAP_FD) or
 * an address inside a data map (src_reg 2, BPF_PSEUDO_MAP_VALUE, with the offset already in the
 * second half) needs the map's fd in its immediate. CO-RE relocations are listed, rebased to
 * the linked instruction array, but not applied (see {@link dev.cil.btf.CoreRelocator}).
 *
 * @param name the function name
 * @param sectionName the ELF section (without libbpf's {@code ?} prefix)
 * @param programType kernel program type number (0 when the section name is not one libbpf knows)
 * @param expectedAttachType kernel attach type number to pass at load when {@code hasExpectedAttachType}
 * @param hasExpectedAttachType whether the section names an attach type
 * @param attachTarget what the section name says to attach to ({@code do_nanosleep} for
 *     {@code kprobe/do_nanosleep}), "" when nothing
 * @param programFlags BPF_F_SLEEPABLE / BPF_F_XDP_HAS_FRAGS
 * @param autoload false when the section name starts with {@code ?}
 * @param license the object's license string
 * @param kernelVersion the object's {@code version} section, 0 if absent
 * @param instructions the linked instructions, one little-endian {@code struct bpf_insn} per long
 * @param references map and data references to fill in at load
 * @param subprograms the subprograms appended, with their position
 * @param funcInfos BTF function info for the linked program (instruction indexes)
 * @param lineInfos BTF line info for the linked program (instruction indexes)
 * @param coreRelocations CO-RE relocations for the linked program (instruction indexes)
 */
public record ProgramSpec(String name, String sectionName, int programType, int expectedAttachType,
                          boolean hasExpectedAttachType, String attachTarget, int programFlags, boolean autoload,
                          String license, int kernelVersion, long[] instructions, List<Reference> references,
                          List<Subprogram> subprograms, List<FuncInfo> funcInfos, List<LineInfo> lineInfos,
                          List<CoreRelocation> coreRelocations) {

    /** src_reg values of ld_imm64 that the loader completes. */
    public static final int PSEUDO_MAP_FD = 1, PSEUDO_MAP_VALUE = 2;

    /**
     * An {@code ld_imm64} at {@code insn} that refers to map {@code map}: its fd ({@code valueAddress}
     * false) or the address of byte {@code offset} of its value ({@code valueAddress} true).
     */
    public record Reference(int insn, String map, boolean valueAddress, int offset) { }

    /** A subprogram appended at instruction {@code offset}, {@code length} instructions long. */
    public record Subprogram(String name, int offset, int length) { }

    /** BTF FUNC {@code typeId} starts at instruction {@code insn}. */
    public record FuncInfo(int insn, int typeId) { }

    /** The source line of instruction {@code insn}. */
    public record LineInfo(int insn, BtfExt.LineInfo source) { }

    /** A CO-RE relocation of instruction {@code insn} (the record's own offset is relative to its section). */
    public record CoreRelocation(int insn, BtfExt.CoreRelo relo) { }

    public ProgramSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(sectionName);
        instructions = instructions.clone();
        references = List.copyOf(references);
        subprograms = List.copyOf(subprograms);
        funcInfos = List.copyOf(funcInfos);
        lineInfos = List.copyOf(lineInfos);
        coreRelocations = List.copyOf(coreRelocations);
    }

    /** A copy of the linked instructions. */
    @Override
    public long[] instructions() { return instructions.clone(); }

    /** The number of linked instructions (ld_imm64 counts as two). */
    public int instructionCount() { return instructions.length; }

    /** The instructions as the bytes BPF_PROG_LOAD takes. */
    public byte[] instructionBytes() {
        byte[] b = new byte[instructions.length * 8];
        for (int i = 0; i < instructions.length; i++)
            for (int k = 0; k < 8; k++) b[8 * i + k] = (byte) (instructions[i] >>> (8 * k));
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProgramSpec p && name.equals(p.name) && sectionName.equals(p.sectionName) && programType == p.programType
                && expectedAttachType == p.expectedAttachType && hasExpectedAttachType == p.hasExpectedAttachType
                && attachTarget.equals(p.attachTarget) && programFlags == p.programFlags && autoload == p.autoload
                && license.equals(p.license) && kernelVersion == p.kernelVersion && Arrays.equals(instructions, p.instructions)
                && references.equals(p.references) && subprograms.equals(p.subprograms) && funcInfos.equals(p.funcInfos)
                && lineInfos.equals(p.lineInfos) && coreRelocations.equals(p.coreRelocations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sectionName, programType) * 31 + Arrays.hashCode(instructions);
    }

    @Override
    public String toString() {
        return "ProgramSpec[" + name + " in " + sectionName + ", type " + programType + ", " + instructions.length + " insns, "
                + references.size() + " map references, " + subprograms.size() + " subprograms]";
    }
}
