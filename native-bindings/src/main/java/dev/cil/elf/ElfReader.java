package dev.cil.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A strict reader of relocatable ELF64 little-endian objects for the BPF machine (EM_BPF, 247),
 * as clang writes them: section headers, section contents, the symbol table and REL relocation
 * sections. No syscalls; the file is held in memory.
 *
 * <p>Everything the header and section table promise is checked up front: the ELF identity,
 * class, byte order and machine; that the section header table, every section's contents
 * (except NOBITS), the section name table, the symbol table and its string table lie inside the
 * file; that symbol section indexes and link fields name existing sections. Counts are validated
 * against the file size before anything is allocated, so a corrupt file is an
 * {@link ElfException}, never an allocation of what the header claims.
 */
public final class ElfReader {
    public static final int EM_BPF = 247;
    public static final int SHT_NULL = 0, SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_RELA = 4,
            SHT_NOBITS = 8, SHT_REL = 9;
    public static final long SHF_WRITE = 0x1, SHF_ALLOC = 0x2, SHF_EXECINSTR = 0x4;
    public static final int SHN_UNDEF = 0, SHN_LORESERVE = 0xff00, SHN_ABS = 0xfff1, SHN_COMMON = 0xfff2, SHN_XINDEX = 0xffff;
    public static final int STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;
    public static final int STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4;
    public static final int STV_DEFAULT = 0, STV_INTERNAL = 1, STV_HIDDEN = 2;

    /** A section header. {@code name} is resolved from the section name table. */
    public record Section(int index, String name, int type, long flags, long offset, long size, int link, int info,
                          long addralign, long entsize) {
        public boolean isExecutable() { return (flags & SHF_EXECINSTR) != 0; }
    }

    /** A symbol. {@code shndx} is the section index (or SHN_* special value). */
    public record Symbol(int index, String name, int info, int other, int shndx, long value, long size) {
        public int bind() { return info >>> 4; }
        public int type() { return info & 0xf; }
        public int visibility() { return other & 0x3; }
    }

    /** A REL relocation entry: at {@code offset} of the target section, against symbol {@code symbol}. */
    public record Rel(long offset, int symbol, int type) { }

    private final byte[] file;
    private final ByteBuffer bb;
    private final List<Section> sections;
    private final List<Symbol> symbols;
    private final int symtabIndex;

    private ElfReader(byte[] file) {
        this.file = file;
        this.bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        this.sections = readSections();
        this.symtabIndex = findSymtab();
        this.symbols = symtabIndex < 0 ? List.of() : readSymbols(sections.get(symtabIndex));
    }

    /**
     * Parses an object held in memory (the array is not copied: do not modify it afterwards).
     *
     * @throws ElfException if it is not a well-formed ELF64 LE BPF relocatable object
     */
    public static ElfReader parse(byte[] file) {
        if (file == null) throw new ElfException("ELF data is null");
        return new ElfReader(file);
    }

    /** Reads and parses a file. @throws ElfException also when the file cannot be read */
    public static ElfReader read(Path path) {
        try {
            return parse(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new ElfException(path + ": no such file");
        } catch (IOException e) {
            throw new ElfException(path + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new ElfException(path + ": file too large");
        }
    }

    // ------------------------------------------------------------ parsing

    private long u64(long off, String what) {
        check(off, 8, what);
        return bb.getLong((int) off);
    }

    private int u32(long off, String what) {
        check(off, 4, what);
        return bb.getInt((int) off);
    }

    private int u16(long off, String what) {
        check(off, 2, what);
        return bb.getShort((int) off) & 0xffff;
    }

    private void check(long off, long len, String what) {
        if (off < 0 || len < 0 || off > file.length || len > file.length - off)
            throw new ElfException(what + " at byte " + Long.toUnsignedString(off) + " (+" + Long.toUnsignedString(len) + ") is outside the file (" + file.length + " bytes)");
    }

    private List<Section> readSections() {
        if (file.length < 64) throw new ElfException("not an ELF file: " + file.length + " bytes");
        if (file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') throw new ElfException("not an ELF file (bad magic)");
        if (file[4] != 2) throw new ElfException("not a 64-bit ELF file (class " + file[4] + ")");
        if (file[5] != 1) throw new ElfException(file[5] == 2 ? "big-endian ELF is not supported" : "bad ELF data encoding " + file[5]);
        if (file[6] != 1) throw new ElfException("unsupported ELF version " + file[6]);
        int type = u16(16, "e_type");
        int machine = u16(18, "e_machine");
        if (machine != EM_BPF) throw new ElfException("not a BPF object: e_machine is " + machine + ", want " + EM_BPF + " (EM_BPF)");
        if (type != 1) throw new ElfException("not a relocatable object: e_type is " + type + " (want ET_REL)");
        long shoff = u64(40, "e_shoff");
        int shentsize = u16(58, "e_shentsize");
        long shnum = u16(60, "e_shnum");
        int shstrndx = u16(62, "e_shstrndx");
        if (shoff == 0) throw new ElfException("ELF file has no section header table");
        if (shentsize != 64) throw new ElfException("bad section header size " + shentsize + " (want 64)");
        check(shoff, 64, "section header 0");
        if (shnum == 0) shnum = u64(shoff + 32, "extended section count");     // sh_size of section 0
        if (shstrndx == SHN_XINDEX) shstrndx = u32(shoff + 40, "extended section name table index");   // sh_link of section 0
        if (shnum < 1 || shnum > (file.length - shoff) / 64)
            throw new ElfException("section header table of " + shnum + " entries at byte " + shoff + " does not fit in the file");
        int n = (int) shnum;
        if (shstrndx <= 0 || shstrndx >= n) throw new ElfException("section name table index " + Integer.toUnsignedString(shstrndx) + " out of range (" + n + " sections)");
        long[][] raw = new long[n][];
        for (int i = 0; i < n; i++) {
            long h = shoff + 64L * i;
            raw[i] = new long[] {Integer.toUnsignedLong(bb.getInt((int) h)), Integer.toUnsignedLong(bb.getInt((int) h + 4)), bb.getLong((int) h + 8),
                bb.getLong((int) h + 16), bb.getLong((int) h + 24), bb.getLong((int) h + 32), Integer.toUnsignedLong(bb.getInt((int) h + 40)),
                Integer.toUnsignedLong(bb.getInt((int) h + 44)), bb.getLong((int) h + 48), bb.getLong((int) h + 56)};
            long stype = raw[i][1], off = raw[i][4], size = raw[i][5];
            if (i != 0 && stype != SHT_NOBITS && stype != SHT_NULL) {
                if (off < 0 || size < 0 || off > file.length || size > file.length - off)
                    throw new ElfException("section " + i + " contents [" + Long.toUnsignedString(off) + ", +" + Long.toUnsignedString(size) + ") are outside the file (" + file.length + " bytes)");
            }
            if (raw[i][6] >= n && (stype == SHT_SYMTAB || stype == SHT_REL || stype == SHT_RELA))
                throw new ElfException("section " + i + " links to section " + raw[i][6] + ", which does not exist");
        }
        long[] strHdr = raw[shstrndx];
        if (strHdr[1] != SHT_STRTAB) throw new ElfException("section name table (section " + shstrndx + ") is not a string table");
        List<Section> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] r = raw[i];
            String name = i == 0 ? "" : string(strHdr[4], strHdr[5], r[0], "name of section " + i);
            out.add(new Section(i, name, (int) r[1], r[2], r[4], r[5], (int) r[6], (int) r[7], r[8], r[9]));
        }
        return Collections.unmodifiableList(out);
    }

    /** A NUL-terminated string at {@code off} inside the string table at [tabOff, tabOff+tabSize). */
    private String string(long tabOff, long tabSize, long off, String what) {
        if (off < 0 || off >= tabSize) throw new ElfException(what + ": string offset " + off + " is outside its string table (" + tabSize + " bytes)");
        int start = (int) (tabOff + off);
        int end = (int) (tabOff + tabSize);
        int e = start;
        while (e < end && file[e] != 0) e++;
        if (e == end) throw new ElfException(what + ": string at offset " + off + " is not NUL-terminated");
        return new String(file, start, e - start, StandardCharsets.UTF_8);
    }

    private int findSymtab() {
        int idx = -1;
        for (Section s : sections) {
            if (s.type() == SHT_SYMTAB) {
                if (idx >= 0) throw new ElfException("more than one symbol table (sections " + idx + " and " + s.index() + ")");
                idx = s.index();
            }
        }
        return idx;
    }

    private List<Symbol> readSymbols(Section symtab) {
        if (symtab.entsize() != 24) throw new ElfException("symbol table entry size is " + symtab.entsize() + ", want 24");
        if (symtab.size() % 24 != 0) throw new ElfException("symbol table size " + symtab.size() + " is not a multiple of 24");
        Section strtab = sections.get(symtab.link());
        if (strtab.type() != SHT_STRTAB) throw new ElfException("symbol table links to section " + strtab.index() + ", which is not a string table");
        int n = (int) (symtab.size() / 24);
        Symbol[] syms = new Symbol[n];
        for (int i = 0; i < n; i++) {
            int p = (int) (symtab.offset() + 24L * i);
            long nameOff = Integer.toUnsignedLong(bb.getInt(p));
            int info = file[p + 4] & 0xff, other = file[p + 5] & 0xff, shndx = bb.getShort(p + 6) & 0xffff;
            if (shndx != SHN_UNDEF && shndx < SHN_LORESERVE && shndx >= sections.size())
                throw new ElfException("symbol " + i + " refers to section " + shndx + ", which does not exist");
            String name = nameOff == 0 ? "" : string(strtab.offset(), strtab.size(), nameOff, "name of symbol " + i);
            syms[i] = new Symbol(i, name, info, other, shndx, bb.getLong(p + 8), bb.getLong(p + 16));
        }
        return List.of(syms);
    }

    // ------------------------------------------------------------ accessors

    /** All section headers, index 0 (the null section) included. */
    public List<Section> sections() { return sections; }

    /** @throws ElfException if there is no such section */
    public Section section(int index) {
        if (index < 0 || index >= sections.size()) throw new ElfException("section index " + index + " out of range (" + sections.size() + " sections)");
        return sections.get(index);
    }

    /** The first section with this name. */
    public Optional<Section> section(String name) {
        for (Section s : sections) if (s.name().equals(name)) return Optional.of(s);
        return Optional.empty();
    }

    /** All symbols, index 0 (the null symbol) included; empty if there is no symbol table. */
    public List<Symbol> symbols() { return symbols; }

    /** @throws ElfException if there is no such symbol */
    public Symbol symbol(int index) {
        if (index < 0 || index >= symbols.size()) throw new ElfException("symbol index " + Integer.toUnsignedString(index) + " out of range (" + symbols.size() + " symbols)");
        return symbols.get(index);
    }

    /** Whether the object has a symbol table (stripped objects do not). */
    public boolean hasSymbols() { return symtabIndex >= 0; }

    /** The index of the symbol table section, or -1. */
    public int symbolTableIndex() { return symtabIndex; }

    /**
     * A copy of a section's contents. NOBITS sections (.bss) have none in the file: use
     * {@link Section#size()}; this returns an empty array for them.
     */
    public byte[] contents(Section s) {
        if (s.type() == SHT_NOBITS || s.type() == SHT_NULL) return new byte[0];
        return Arrays.copyOfRange(file, (int) s.offset(), (int) (s.offset() + s.size()));
    }

    /**
     * The entries of a REL section, each checked to lie inside its target section (sh_info) and to
     * name an existing symbol.
     *
     * @throws ElfException if the section is not a well-formed REL section
     */
    public List<Rel> relocations(Section rel) {
        if (rel.type() != SHT_REL) throw new ElfException("section " + rel.name() + " is not a REL section");
        if (rel.entsize() != 16) throw new ElfException("relocation section " + rel.name() + " has entry size " + rel.entsize() + ", want 16");
        if (rel.size() % 16 != 0) throw new ElfException("relocation section " + rel.name() + " size " + rel.size() + " is not a multiple of 16");
        if (rel.info() <= 0 || rel.info() >= sections.size()) throw new ElfException("relocation section " + rel.name() + " applies to section " + Integer.toUnsignedString(rel.info()) + ", which does not exist");
        if (rel.link() != symtabIndex) throw new ElfException("relocation section " + rel.name() + " does not use the symbol table");
        Section target = sections.get(rel.info());
        int n = (int) (rel.size() / 16);
        Rel[] out = new Rel[n];
        for (int i = 0; i < n; i++) {
            int p = (int) (rel.offset() + 16L * i);
            long off = bb.getLong(p), info = bb.getLong(p + 8);
            long sym = info >>> 32;
            if (off < 0 || off >= target.size())
                throw new ElfException("relocation " + i + " in " + rel.name() + " at offset " + Long.toUnsignedString(off) + " is outside section " + target.name() + " (" + target.size() + " bytes)");
            if (sym >= symbols.size()) throw new ElfException("relocation " + i + " in " + rel.name() + " refers to symbol " + sym + ", which does not exist");
            out[i] = new Rel(off, (int) sym, (int) info);
        }
        return List.of(out);
    }

    /** The REL sections that apply to the given section. */
    public List<Section> relocationSectionsFor(Section target) {
        List<Section> out = new ArrayList<>();
        for (Section s : sections) if (s.type() == SHT_REL && s.info() == target.index()) out.add(s);
        return out;
    }
}
