package dev.cil.elf;

import dev.cil.btf.BtfExt;
import dev.cil.btf.BtfSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a BPF object file defines, read without touching the kernel: its programs (linked,
 * see {@link ProgramSpec}), its maps ({@link MapSpec}), license, kernel version and BTF.
 *
 * <p>{@link #btf()} is the object's BTF after libbpf's load-time fixups (data section sizes and
 * variable offsets taken from the ELF file, variables sorted by offset, hidden symbols made
 * static), ready for BPF_BTF_LOAD; map and program BTF type ids refer to it.
 *
 * @param objectName the object name (the file name up to its first dot), used for data map names
 * @param license the {@code license} section, "" when absent
 * @param kernelVersion the {@code version} section, 0 when absent
 * @param programs entry-point programs by name, in section then offset order
 * @param maps maps by name: legacy {@code maps} definitions, BTF {@code .maps} definitions, then
 *     global data sections, each group in object order
 * @param btf the fixed-up BTF, when the object has any
 * @param btfExt the {@code .BTF.ext} contents, when present
 */
public record CollectionSpec(String objectName, String license, int kernelVersion, Map<String, ProgramSpec> programs,
                             Map<String, MapSpec> maps, Optional<BtfSpec> btf, Optional<BtfExt> btfExt) {

    public CollectionSpec {
        Objects.requireNonNull(objectName);
        Objects.requireNonNull(license);
        programs = Collections.unmodifiableMap(new LinkedHashMap<>(programs));
        maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
    }

    /**
     * Reads a BPF object file. The object name is the file name up to its first dot, as libbpf.
     *
     * @throws ElfException if the file is missing, malformed or uses an unsupported feature
     * @throws dev.cil.btf.BtfException if its BTF is malformed
     */
    public static CollectionSpec read(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ElfException(file + ": no such file");
        } catch (IOException e) {
            throw new ElfException(file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        if (dot >= 0) name = name.substring(0, dot);
        return parse(b, name);
    }

    /**
     * Parses a BPF object held in memory.
     *
     * @param objectName the name data maps are prefixed with (libbpf uses the file name up to its first dot)
     * @throws ElfException if the object is malformed or uses an unsupported feature
     * @throws dev.cil.btf.BtfException if its BTF is malformed
     */
    public static CollectionSpec parse(byte[] elf, String objectName) {
        return new ObjectReader(ElfReader.parse(elf), objectName).read();
    }

    /** The entry-point program with this name. */
    public Optional<ProgramSpec> program(String name) {
        return Optional.ofNullable(programs.get(name));
    }

    /** The map with this name (for data maps, the section name such as {@code .rodata}). */
    public Optional<MapSpec> map(String name) {
        return Optional.ofNullable(maps.get(name));
    }
}
