package dev.cil.cli.command.btf;

import dev.cil.cli.CilException;
import dev.cil.elf.ElfException;
import dev.cil.elf.ElfReader;

/** The {@code .BTF} section of an ELF object. */
final class ElfBtf {
    private ElfBtf() { }

    static byte[] section(byte[] elf, String path) {
        try {
            ElfReader r = ElfReader.parse(elf);
            return r.contents(r.section(".BTF").orElseThrow(() -> CilException.failure(path + " has no .BTF section (compile with clang -g)")));
        } catch (ElfException e) {
            throw CilException.failure(path + ": " + e.getMessage());
        }
    }
}
