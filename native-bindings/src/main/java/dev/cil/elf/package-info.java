/**
 * BPF object files (ELF64, little-endian, EM_BPF) read into plain specs, without syscalls.
 *
 * <ul>
 *   <li>{@link dev.cil.elf.ElfReader}: strict, bounds-checked access to sections, symbols and
 *       REL relocations.</li>
 *   <li>{@link dev.cil.elf.CollectionSpec}: programs ({@link dev.cil.elf.ProgramSpec}, linked with
 *       their subprograms), maps ({@link dev.cil.elf.MapSpec}: BTF-defined, legacy, global data),
 *       license, version and the fixed-up BTF, following libbpf's conventions
 *       ({@link dev.cil.elf.ProgramSections} for section names).</li>
 * </ul>
 *
 * What needs the kernel (creating maps, filling their fds into instructions, applying CO-RE
 * relocations against the running kernel, loading) is the loader's job. Malformed objects and
 * unsupported features are an {@link dev.cil.elf.ElfException} (or a
 * {@link dev.cil.btf.BtfException} for malformed BTF) with a one-line message.
 */
package dev.cil.elf;
