package dev.cil.elf;

import dev.cil.btf.BtfExt;
import dev.cil.btf.BtfSpec;
import dev.cil.btf.BtfType;
import dev.cil.elf.ElfReader.Rel;
import dev.cil.elf.ElfReader.Section;
import dev.cil.elf.ElfReader.Symbol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns an ELF object into a {@link CollectionSpec}, following libbpf's {@code bpf_object__open}
 * (section classification, program discovery, map definitions, relocation recording, BTF fixups)
 * and {@code bpf_object__relocate} (subprogram linking, func/line info rebasing), without the
 * parts that need the kernel.
 */
final class ObjectReader {
    static final int BPF_MAP_TYPE_HASH = 1, BPF_MAP_TYPE_ARRAY = 2, BPF_MAP_TYPE_PROG_ARRAY = 3,
            BPF_MAP_TYPE_ARRAY_OF_MAPS = 12, BPF_MAP_TYPE_HASH_OF_MAPS = 13;
    static final int CALL = 0x85, LD_IMM64 = 0x18;
    static final int PSEUDO_CALL = 1, PSEUDO_FUNC = 4;

    private final ElfReader elf;
    private final String objectName;
    private final List<Section> secs;

    private int textIdx = -1, btfMapsIdx = -1, legacyMapsIdx = -1;
    private Section btfSec, btfExtSec;
    private final TreeMap<Integer, MapSpec.Kind> dataSecs = new TreeMap<>();
    private final List<Section> execSecs = new ArrayList<>();
    private final List<Section> progRelSecs = new ArrayList<>();
    private Section mapsRelSec;
    private String license = "";
    private int kernelVersion;
    private BtfSpec btf;
    private BtfExt ext;

    /** A function in an executable section (an entry point, or a subprogram in .text). */
    private static final class Prog {
        final String name;
        final Section sec;
        final int secInsnOff;
        final int cnt;
        final long[] insns;
        final boolean global;
        final boolean hidden;
        final TreeMap<Integer, Relo> relos = new TreeMap<>();

        Prog(String name, Section sec, int secInsnOff, long[] insns, boolean global, boolean hidden) {
            this.name = name;
            this.sec = sec;
            this.secInsnOff = secInsnOff;
            this.cnt = insns.length;
            this.insns = insns;
            this.global = global;
            this.hidden = hidden;
        }

        boolean contains(int secInsn) {
            return secInsn >= secInsnOff && secInsn < secInsnOff + cnt;
        }
    }

    private enum ReloKind { CALL, SUBPROG_ADDR, MAP, DATA }

    private record Relo(ReloKind kind, long symOff, String map) { }

    /** A map definition being built (slots are added by .maps relocations). */
    private static final class MapDef {
        String name, kernelName;
        MapSpec.Kind kind;
        int type, keySize, valueSize, maxEntries, flags, numaNode, pinning, keyTypeId, valueTypeId;
        long mapExtra;
        int secIdx;
        long secOffset, varSize;
        int btfVarIdx = -1;
        MapDef inner;
        byte[] contents = new byte[0];
        final TreeMap<Integer, String> slots = new TreeMap<>();

        MapSpec toSpec() {
            List<MapSpec.Slot> s = new ArrayList<>();
            slots.forEach((k, v) -> s.add(new MapSpec.Slot(k, v)));
            return new MapSpec(name, kernelName, kind, type, keySize, valueSize, maxEntries, flags, numaNode, mapExtra, pinning,
                    keyTypeId, valueTypeId, inner == null ? Optional.empty() : Optional.of(inner.toSpec()), s, contents);
        }
    }

    private final List<Prog> progs = new ArrayList<>();
    private final LinkedHashMap<String, MapDef> maps = new LinkedHashMap<>();

    ObjectReader(ElfReader elf, String objectName) {
        this.elf = elf;
        this.objectName = objectName == null ? "" : objectName;
        this.secs = elf.sections();
    }

    CollectionSpec read() {
        if (!elf.hasSymbols()) throw new ElfException("object has no symbol table (stripped?)");
        classifySections();
        if (btfSec != null) {
            BtfSpec raw = BtfSpec.parse(elf.contents(btfSec));
            btf = fixBtf(raw);
            if (btfExtSec != null) ext = BtfExt.parse(elf.contents(btfExtSec), btf);
        }
        collectPrograms();
        initLegacyMaps();
        initBtfMaps();
        initDataMaps();
        collectProgramRelocations();
        collectMapRelocations();

        LinkedHashMap<String, ProgramSpec> out = new LinkedHashMap<>();
        for (Prog p : progs) {
            if (p.sec.index() == textIdx) continue;
            if (out.containsKey(p.name)) throw new ElfException("two programs named " + p.name);
            out.put(p.name, link(p));
        }
        LinkedHashMap<String, MapSpec> ms = new LinkedHashMap<>();
        maps.forEach((k, v) -> ms.put(k, v.toSpec()));
        return new CollectionSpec(objectName, license, kernelVersion, out, ms, Optional.ofNullable(btf), Optional.ofNullable(ext));
    }

    // ------------------------------------------------------------ sections

    private static boolean isDwarf(String name) {
        return name.startsWith(".debug_");
    }

    private void classifySections() {
        for (Section s : secs) {
            if (s.index() == 0) continue;
            String name = s.name();
            if (s.type() == ElfReader.SHT_STRTAB || s.type() == 0x6fff4c03 /* SHT_LLVM_ADDRSIG */ || isDwarf(name)) continue;
            if (s.type() == ElfReader.SHT_PROGBITS && s.size() == 0 && name.equals(".text")) continue;
            if (name.startsWith(".rel") && (isDwarf(name.substring(4)) || name.equals(".rel.BTF") || name.equals(".rel.BTF.ext"))) continue;
            switch (name) {
                case "license": {
                    byte[] b = elf.contents(s);
                    int e = 0;
                    while (e < b.length && b[e] != 0) e++;
                    license = new String(b, 0, e, java.nio.charset.StandardCharsets.UTF_8);
                    continue;
                }
                case "version": {
                    byte[] b = elf.contents(s);
                    if (b.length != 4) throw new ElfException("version section is " + b.length + " bytes, want 4");
                    kernelVersion = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    continue;
                }
                case "maps":
                    legacyMapsIdx = s.index();
                    continue;
                case ".maps":
                    btfMapsIdx = s.index();
                    continue;
                case ".BTF":
                    if (s.type() != ElfReader.SHT_PROGBITS) throw new ElfException(".BTF section is not PROGBITS");
                    btfSec = s;
                    continue;
                case ".BTF.ext":
                    if (s.type() != ElfReader.SHT_PROGBITS) throw new ElfException(".BTF.ext section is not PROGBITS");
                    btfExtSec = s;
                    continue;
                default:
                    break;
            }
            if (s.type() == ElfReader.SHT_PROGBITS && s.size() > 0) {
                if (s.isExecutable()) {
                    if (name.equals(".text")) textIdx = s.index();
                    execSecs.add(s);
                } else if (name.equals(".data") || name.startsWith(".data.")) {
                    dataSecs.put(s.index(), MapSpec.Kind.DATA);
                } else if (name.equals(".rodata") || name.startsWith(".rodata.")) {
                    dataSecs.put(s.index(), MapSpec.Kind.RODATA);
                } else if (name.equals(".struct_ops") || name.equals(".struct_ops.link") || name.equals("?.struct_ops") || name.equals("?.struct_ops.link")) {
                    throw new ElfException("section " + name + ": struct_ops maps are not supported yet");
                } else if (name.equals(".addr_space.1")) {
                    throw new ElfException("section " + name + ": arena global variables are not supported yet");
                }
            } else if (s.type() == ElfReader.SHT_REL) {
                int target = s.info();
                if (target <= 0 || target >= secs.size()) throw new ElfException("relocation section " + name + " applies to section " + Integer.toUnsignedString(target) + ", which does not exist");
                if (secs.get(target).isExecutable()) progRelSecs.add(s);
                else if (name.equals(".rel.maps")) mapsRelSec = s;
            } else if (s.type() == ElfReader.SHT_NOBITS && (name.equals(".bss") || name.startsWith(".bss."))) {
                dataSecs.put(s.index(), MapSpec.Kind.BSS);
            }
        }
    }

    // ------------------------------------------------------------ BTF fixups

    private Symbol findVarSymbol(String name) {
        for (Symbol s : elf.symbols()) {
            if (s.type() != ElfReader.STT_OBJECT) continue;
            if (s.bind() != ElfReader.STB_GLOBAL && s.bind() != ElfReader.STB_WEAK) continue;
            if (s.name().equals(name)) return s;
        }
        return null;
    }

    private static boolean hidden(Symbol s) {
        return s.visibility() == ElfReader.STV_HIDDEN || s.visibility() == ElfReader.STV_INTERNAL;
    }

    /** libbpf's load-time BTF fixups: DATASEC sizes and variable offsets from the ELF file, sorted variables, hidden symbols static. */
    private BtfSpec fixBtf(BtfSpec raw) {
        BtfSpec.Builder b = raw.toBuilder();
        boolean changed = false;
        for (int id = raw.firstTypeId(); id < raw.typeCount(); id++) {
            BtfType t = raw.type(id);
            if (t instanceof BtfType.Datasec) {
                BtfType.Datasec ds = (BtfType.Datasec) t;
                String name = raw.name(ds);
                int size = ds.size();
                List<BtfType.VarSecinfo> vars = new ArrayList<>(ds.vars());
                if (!name.equals(".kconfig") && !name.equals(".ksyms")) {
                    boolean fixOffsets = false;
                    if (size == 0) {
                        Section sec = elf.section(name).orElseThrow(() -> new ElfException("BTF DATASEC " + name + " has no ELF section"));
                        if (sec.size() <= 0 || sec.size() > Integer.MAX_VALUE) throw new ElfException("BTF DATASEC " + name + ": section size " + sec.size() + " is not usable");
                        size = (int) sec.size();
                        fixOffsets = true;
                    }
                    for (int i = 0; i < vars.size(); i++) {
                        BtfType.VarSecinfo v = vars.get(i);
                        BtfType vt = raw.type(v.type());
                        if (!(vt instanceof BtfType.Var)) throw new ElfException("BTF DATASEC " + name + " holds a " + vt.kind().bpftoolName() + ", not a VAR");
                        BtfType.Var var = (BtfType.Var) vt;
                        if (var.linkage() == BtfType.Var.STATIC || var.linkage() == BtfType.Var.EXTERN) continue;
                        String vn = raw.name(var);
                        Symbol sym = findVarSymbol(vn);
                        if (sym == null) throw new ElfException("BTF DATASEC " + name + ": no ELF symbol for variable " + vn);
                        if (fixOffsets) {
                            if (sym.value() < 0 || sym.value() > Integer.MAX_VALUE) throw new ElfException("variable " + vn + " at offset " + sym.value() + " is out of range");
                            vars.set(i, new BtfType.VarSecinfo(v.type(), (int) sym.value(), v.size()));
                        }
                        if (hidden(sym)) b.set(v.type(), new BtfType.Var(var.nameOff(), var.type(), BtfType.Var.STATIC));
                    }
                }
                vars.sort(Comparator.comparingLong(v -> Integer.toUnsignedLong(v.offset())));
                BtfType.Datasec fixed = new BtfType.Datasec(ds.nameOff(), size, vars);
                if (!fixed.equals(ds)) b.set(id, fixed);
                changed = true;
            }
        }
        // global functions with hidden visibility in .text are verified as static (libbpf's mark_btf_static)
        for (Symbol s : elf.symbols()) {
            if (s.type() != ElfReader.STT_FUNC || s.bind() == ElfReader.STB_LOCAL || !hidden(s)) continue;
            if (s.shndx() <= 0 || s.shndx() >= secs.size() || !secs.get(s.shndx()).name().equals(".text")) continue;
            var fid = raw.typeIdByName(s.name(), BtfType.Kind.FUNC);
            if (fid.isPresent()) {
                BtfType.Func f = (BtfType.Func) raw.type(fid.getAsInt());
                b.set(fid.getAsInt(), new BtfType.Func(f.nameOff(), f.type(), BtfType.Func.STATIC));
                changed = true;
            }
        }
        return changed ? b.build() : raw;
    }

    // ------------------------------------------------------------ programs

    private void collectPrograms() {
        for (Section sec : execSecs) {
            byte[] data = elf.contents(sec);
            ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            List<Prog> inSec = new ArrayList<>();
            for (Symbol s : elf.symbols()) {
                if (s.shndx() != sec.index() || s.type() != ElfReader.STT_FUNC) continue;
                long off = s.value(), size = s.size();
                if (off < 0 || size < 0 || off > data.length || size > data.length - off)
                    throw new ElfException("program " + s.name() + " at offset " + off + " (+" + size + ") crosses the end of section " + sec.name());
                if (size == 0 || size % 8 != 0 || off % 8 != 0)
                    throw new ElfException("program " + s.name() + " in section " + sec.name() + " is corrupt: offset " + off + ", size " + size);
                if (sec.index() != textIdx && s.bind() == ElfReader.STB_LOCAL)
                    throw new ElfException("program " + s.name() + " in section " + sec.name() + " is static: not supported (make it global)");
                if (s.name().isEmpty()) throw new ElfException("function at offset " + off + " of section " + sec.name() + " has no name");
                long[] insns = new long[(int) (size / 8)];
                for (int i = 0; i < insns.length; i++) insns[i] = bb.getLong((int) off + 8 * i);
                inSec.add(new Prog(s.name(), sec, (int) (off / 8), insns, s.bind() != ElfReader.STB_LOCAL, hidden(s)));
            }
            inSec.sort(Comparator.comparingInt(p -> p.secInsnOff));
            for (int i = 1; i < inSec.size(); i++) {
                Prog a = inSec.get(i - 1), c = inSec.get(i);
                if (a.secInsnOff + a.cnt > c.secInsnOff)
                    throw new ElfException("functions " + a.name + " and " + c.name + " overlap in section " + sec.name());
            }
            progs.addAll(inSec);
        }
    }

    private Prog progAt(int secIdx, int secInsn) {
        for (Prog p : progs) if (p.sec.index() == secIdx && p.contains(secInsn)) return p;
        return null;
    }

    private Prog mainProgram(String name) {
        for (Prog p : progs) if (p.sec.index() != textIdx && p.name.equals(name)) return p;
        return null;
    }

    // ------------------------------------------------------------ maps

    private static final int BPF_OBJ_NAME_LEN = 16;

    /** libbpf's internal_map_name: the kernel name of a global data map. */
    static String internalMapName(String objName, String realName) {
        int sfxLen = Math.max(7, realName.length());
        if (sfxLen >= BPF_OBJ_NAME_LEN) sfxLen = BPF_OBJ_NAME_LEN - 1;
        int pfxLen = realName.indexOf('.', 1) >= 0 ? 0 : Math.min(BPF_OBJ_NAME_LEN - sfxLen - 1, objName.length());
        String n = objName.substring(0, pfxLen) + realName.substring(0, Math.min(sfxLen, realName.length()));
        StringBuilder sb = new StringBuilder(n.length());
        for (char c : n.toCharArray()) sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' ? c : '_');
        return sb.toString();
    }

    private static String kernelName(String name) {
        byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return b.length <= BPF_OBJ_NAME_LEN - 1 ? name : new String(b, 0, BPF_OBJ_NAME_LEN - 1, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void addMap(MapDef m) {
        if (maps.containsKey(m.name)) throw new ElfException("two maps named " + m.name);
        maps.put(m.name, m);
    }

    private void initLegacyMaps() {
        if (legacyMapsIdx < 0) return;
        Section sec = secs.get(legacyMapsIdx);
        byte[] data = elf.contents(sec);
        List<Symbol> syms = new ArrayList<>();
        for (Symbol s : elf.symbols()) if (s.shndx() == legacyMapsIdx && s.type() != ElfReader.STT_SECTION) syms.add(s);
        if (syms.isEmpty()) return;
        if (data.length == 0 || data.length % syms.size() != 0)
            throw new ElfException("maps section: " + data.length + " bytes cannot hold " + syms.size() + " map definitions of equal size");
        int defSize = data.length / syms.size();
        if (defSize < 20) throw new ElfException("maps section: definitions of " + defSize + " bytes are smaller than struct bpf_map_def (20 bytes)");
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (Symbol s : syms) {
            if (s.value() < 0 || s.value() > data.length - defSize)
                throw new ElfException("legacy map " + s.name() + " at offset " + s.value() + " is outside the maps section");
            int off = (int) s.value();
            for (int i = off + 20; i < off + defSize; i++)
                if (data[i] != 0) throw new ElfException("legacy map " + s.name() + ": unknown non-zero fields after struct bpf_map_def");
            MapDef m = new MapDef();
            m.name = s.name();
            if (m.name.isEmpty()) throw new ElfException("legacy map at offset " + off + " has no name");
            m.kernelName = kernelName(m.name);
            m.kind = MapSpec.Kind.LEGACY;
            m.type = bb.getInt(off);
            m.keySize = bb.getInt(off + 4);
            m.valueSize = bb.getInt(off + 8);
            m.maxEntries = bb.getInt(off + 12);
            m.flags = bb.getInt(off + 16);
            m.secIdx = legacyMapsIdx;
            m.secOffset = off;
            m.varSize = defSize;
            addMap(m);
        }
    }

    private void initBtfMaps() {
        if (btfMapsIdx < 0) return;
        if (btf == null) throw new ElfException(".maps section needs BTF, and the object has none");
        Section sec = secs.get(btfMapsIdx);
        long dataSize = sec.size();
        int dsId = -1;
        for (int id = 1; id < btf.typeCount(); id++) {
            BtfType t = btf.type(id);
            if (t instanceof BtfType.Datasec && btf.name(t).equals(".maps")) {
                dsId = id;
                break;
            }
        }
        if (dsId < 0) throw new ElfException("BTF has no DATASEC .maps");
        BtfType.Datasec ds = (BtfType.Datasec) btf.type(dsId);
        for (int i = 0; i < ds.vars().size(); i++) {
            BtfType.VarSecinfo vi = ds.vars().get(i);
            BtfType vt = btf.type(vi.type());
            String name = btf.name(vt);
            if (name.isEmpty()) throw new ElfException("map #" + i + " in .maps has no name");
            if (Integer.toUnsignedLong(vi.offset()) + Integer.toUnsignedLong(vi.size()) > dataSize)
                throw new ElfException("map " + name + ": BTF places it outside the .maps section");
            if (!(vt instanceof BtfType.Var)) throw new ElfException("map " + name + ": unexpected " + vt.kind().bpftoolName() + " in .maps");
            if (((BtfType.Var) vt).linkage() != BtfType.Var.GLOBAL) throw new ElfException("map " + name + ": unsupported linkage (maps must be global variables)");
            BtfType def = btf.type(skipModsAndTypedefs(((BtfType.Var) vt).type()));
            if (!(def instanceof BtfType.Struct)) throw new ElfException("map " + name + ": definition is a " + def.kind().bpftoolName() + ", not a struct");
            if (Integer.toUnsignedLong(((BtfType.Struct) def).size()) > Integer.toUnsignedLong(vi.size())) throw new ElfException("map " + name + ": invalid definition size");
            MapDef m = new MapDef();
            m.name = name;
            m.kernelName = kernelName(name);
            m.kind = MapSpec.Kind.BTF;
            m.secIdx = btfMapsIdx;
            m.secOffset = Integer.toUnsignedLong(vi.offset());
            m.varSize = Integer.toUnsignedLong(vi.size());
            m.btfVarIdx = i;
            MapDef inner = new MapDef();
            boolean hasInner = parseMapDef(name, (BtfType.Struct) def, m, inner, false);
            if (hasInner) {
                inner.name = name + ".inner";
                inner.kernelName = kernelName(inner.name);
                inner.kind = MapSpec.Kind.BTF;
                m.inner = inner;
            }
            addMap(m);
        }
    }

    private int skipModsAndTypedefs(int id) {
        return btf.resolve(id);
    }

    /** libbpf's get_map_field_int: a {@code int (*name)[N]} member encodes N. */
    private int mapFieldInt(String map, BtfType.Member m) {
        BtfType t = btf.type(skipModsAndTypedefs(m.type()));
        String attr = btf.string(m.nameOff());
        if (!(t instanceof BtfType.Ptr)) throw new ElfException("map " + map + ": attribute " + attr + ": expected PTR, got " + t.kind().bpftoolName());
        BtfType a = btf.type(((BtfType.Ptr) t).type());
        if (!(a instanceof BtfType.Array)) throw new ElfException("map " + map + ": attribute " + attr + ": expected ARRAY, got " + a.kind().bpftoolName());
        return ((BtfType.Array) a).nelems();
    }

    private long mapFieldLong(String map, BtfType.Member m) {
        BtfType t = btf.type(skipModsAndTypedefs(m.type()));
        if (t instanceof BtfType.Ptr) return Integer.toUnsignedLong(mapFieldInt(map, m));
        if (t instanceof BtfType.Enum && ((BtfType.Enum) t).values().size() == 1) return Integer.toUnsignedLong(((BtfType.Enum) t).values().get(0).value());
        if (t instanceof BtfType.Enum64 && ((BtfType.Enum64) t).values().size() == 1) return ((BtfType.Enum64) t).values().get(0).value();
        throw new ElfException("map " + map + ": attribute " + btf.string(m.nameOff()) + ": expected a pointer to an array or a one-value enum");
    }

    private int typeSize(String map, String what, int typeId) {
        long sz;
        try {
            sz = btf.sizeOf(typeId);
        } catch (dev.cil.btf.BtfException e) {
            throw new ElfException("map " + map + ": cannot determine " + what + " size for type [" + typeId + "]: " + e.getMessage());
        }
        if (sz > Integer.MAX_VALUE) throw new ElfException("map " + map + ": " + what + " of " + sz + " bytes is too large");
        return (int) sz;
    }

    /** libbpf's parse_btf_map_def. Returns whether an inner map definition was found. */
    private boolean parseMapDef(String map, BtfType.Struct def, MapDef m, MapDef innerOut, boolean isInner) {
        boolean hasInner = false, typeSet = false;
        List<BtfType.Member> ms = def.members();
        for (int i = 0; i < ms.size(); i++) {
            BtfType.Member mem = ms.get(i);
            String name = btf.string(mem.nameOff());
            switch (name) {
                case "type": m.type = mapFieldInt(map, mem); typeSet = true; break;
                case "max_entries": m.maxEntries = mapFieldInt(map, mem); break;
                case "map_flags": m.flags = mapFieldInt(map, mem); break;
                case "numa_node": m.numaNode = mapFieldInt(map, mem); break;
                case "key_size": {
                    int sz = mapFieldInt(map, mem);
                    if (m.keySize != 0 && m.keySize != sz) throw new ElfException("map " + map + ": conflicting key size " + Integer.toUnsignedString(m.keySize) + " != " + Integer.toUnsignedString(sz));
                    m.keySize = sz;
                    break;
                }
                case "key": case "value": {
                    BtfType t = btf.type(mem.type());
                    if (!(t instanceof BtfType.Ptr)) throw new ElfException("map " + map + ": " + name + " spec is not PTR: " + t.kind().bpftoolName());
                    int tid = ((BtfType.Ptr) t).type();
                    int sz = typeSize(map, name, tid);
                    if (name.equals("key")) {
                        if (m.keySize != 0 && m.keySize != sz) throw new ElfException("map " + map + ": conflicting key size " + Integer.toUnsignedString(m.keySize) + " != " + sz);
                        m.keySize = sz;
                        m.keyTypeId = tid;
                    } else {
                        if (m.valueSize != 0 && m.valueSize != sz) throw new ElfException("map " + map + ": conflicting value size " + Integer.toUnsignedString(m.valueSize) + " != " + sz);
                        m.valueSize = sz;
                        m.valueTypeId = tid;
                    }
                    break;
                }
                case "value_size": {
                    int sz = mapFieldInt(map, mem);
                    if (m.valueSize != 0 && m.valueSize != sz) throw new ElfException("map " + map + ": conflicting value size " + Integer.toUnsignedString(m.valueSize) + " != " + Integer.toUnsignedString(sz));
                    m.valueSize = sz;
                    break;
                }
                case "values": {
                    boolean mapInMap = m.type == BPF_MAP_TYPE_ARRAY_OF_MAPS || m.type == BPF_MAP_TYPE_HASH_OF_MAPS;
                    boolean progArray = m.type == BPF_MAP_TYPE_PROG_ARRAY;
                    if (isInner) throw new ElfException("map " + map + ": multi-level inner maps are not supported");
                    if (i != ms.size() - 1) throw new ElfException("map " + map + ": 'values' must be the last member");
                    if (!mapInMap && !progArray) throw new ElfException("map " + map + ": 'values' needs a map-in-map or a prog array");
                    if (m.valueSize != 0 && m.valueSize != 4) throw new ElfException("map " + map + ": conflicting value size " + Integer.toUnsignedString(m.valueSize) + " != 4");
                    m.valueSize = 4;
                    BtfType t = btf.type(mem.type());
                    if (!(t instanceof BtfType.Array) || ((BtfType.Array) t).nelems() != 0)
                        throw new ElfException("map " + map + ": 'values' is not a zero-sized array");
                    BtfType pt = btf.type(skipModsAndTypedefs(((BtfType.Array) t).type()));
                    if (!(pt instanceof BtfType.Ptr)) throw new ElfException("map " + map + ": 'values' element is a " + pt.kind().bpftoolName() + ", not a pointer");
                    BtfType target = btf.type(skipModsAndTypedefs(((BtfType.Ptr) pt).type()));
                    if (progArray) {
                        if (!(target instanceof BtfType.FuncProto)) throw new ElfException("map " + map + ": prog array values must point to functions, not " + target.kind().bpftoolName());
                        break;
                    }
                    if (!(target instanceof BtfType.Struct)) throw new ElfException("map " + map + ": inner map definition is a " + target.kind().bpftoolName() + ", not a struct");
                    parseMapDef(map + ".inner", (BtfType.Struct) target, innerOut, null, true);
                    hasInner = true;
                    break;
                }
                case "pinning": {
                    if (isInner) throw new ElfException("map " + map + ": an inner map cannot be pinned");
                    int v = mapFieldInt(map, mem);
                    if (v != MapSpec.PIN_NONE && v != MapSpec.PIN_BY_NAME) throw new ElfException("map " + map + ": invalid pinning value " + Integer.toUnsignedString(v));
                    m.pinning = v;
                    break;
                }
                case "map_extra":
                    m.mapExtra = mapFieldLong(map, mem);
                    break;
                default:
                    throw new ElfException("map " + map + ": unknown field '" + name + "'");
            }
        }
        if (!typeSet || m.type == 0) throw new ElfException("map " + map + ": map type is not specified");
        return hasInner;
    }

    private void initDataMaps() {
        for (Map.Entry<Integer, MapSpec.Kind> e : dataSecs.entrySet()) {
            Section sec = secs.get(e.getKey());
            if (sec.size() == 0) continue;
            if (sec.size() > Integer.MAX_VALUE) throw new ElfException("data section " + sec.name() + " is too large: " + sec.size() + " bytes");
            MapDef m = new MapDef();
            m.name = sec.name();
            m.kernelName = internalMapName(objectName, sec.name());
            m.kind = e.getValue();
            m.type = BPF_MAP_TYPE_ARRAY;
            m.keySize = 4;
            m.valueSize = (int) sec.size();
            m.maxEntries = 1;
            m.flags = m.kind == MapSpec.Kind.RODATA ? MapSpec.BPF_F_RDONLY_PROG : 0;
            m.secIdx = sec.index();
            if (m.kind != MapSpec.Kind.BSS) m.contents = elf.contents(sec);
            if (btf != null) {
                for (int id = 1; id < btf.typeCount(); id++) {
                    BtfType t = btf.type(id);
                    if (t instanceof BtfType.Datasec && btf.name(t).equals(sec.name())) {
                        m.valueTypeId = id;
                        for (BtfType.VarSecinfo v : ((BtfType.Datasec) t).vars()) {
                            BtfType vt = btf.type(v.type());
                            if (vt instanceof BtfType.Var && ((BtfType.Var) vt).linkage() != BtfType.Var.STATIC) {
                                m.flags |= MapSpec.BPF_F_MMAPABLE;
                                break;
                            }
                        }
                        break;
                    }
                }
            }
            addMap(m);
        }
    }

    // ------------------------------------------------------------ relocations

    private static int code(long insn) { return (int) (insn & 0xff); }

    private static int dst(long insn) { return (int) ((insn >>> 8) & 0xf); }

    private static int src(long insn) { return (int) ((insn >>> 12) & 0xf); }

    private static int off(long insn) { return (short) (insn >>> 16); }

    private static int imm(long insn) { return (int) (insn >>> 32); }

    private static long withImm(long insn, int imm) { return (insn & 0xffffffffL) | ((long) imm << 32); }

    private static long withSrc(long insn, int src) { return (insn & ~0xf000L) | ((long) (src & 0xf) << 12); }

    private static boolean isSubprogCall(long insn) {
        return code(insn) == CALL && src(insn) == PSEUDO_CALL && dst(insn) == 0 && off(insn) == 0;
    }

    private static boolean isPseudoFunc(long insn) {
        return code(insn) == LD_IMM64 && src(insn) == PSEUDO_FUNC;
    }

    private String symbolName(Symbol s) {
        if (s.type() == ElfReader.STT_SECTION && s.name().isEmpty() && s.shndx() > 0 && s.shndx() < secs.size()) return secs.get(s.shndx()).name();
        return s.name().isEmpty() ? "<?>" : s.name();
    }

    private boolean isSubprogSymbol(Symbol s) {
        if (s.shndx() != textIdx || textIdx < 0) return false;
        if (s.bind() == ElfReader.STB_LOCAL && s.type() == ElfReader.STT_SECTION) return true;
        return (s.bind() == ElfReader.STB_GLOBAL || s.bind() == ElfReader.STB_WEAK) && s.type() == ElfReader.STT_FUNC;
    }

    private void collectProgramRelocations() {
        for (Section rs : progRelSecs) {
            Section target = secs.get(rs.info());
            List<Rel> rels = elf.relocations(rs);
            for (int i = 0; i < rels.size(); i++) {
                Rel r = rels.get(i);
                Symbol sym = elf.symbol(r.symbol());
                if (r.offset() % 8 != 0) throw new ElfException("relocation " + i + " in " + rs.name() + ": offset " + r.offset() + " is not an instruction boundary");
                int secInsn = (int) (r.offset() / 8);
                Prog p = progAt(target.index(), secInsn);
                if (p == null) continue;   // libbpf: code of an overridden weak function
                int idx = secInsn - p.secInsnOff;
                Relo relo = classify(p, idx, sym);
                if (p.relos.putIfAbsent(idx, relo) != null)
                    throw new ElfException("program " + p.name + ": two relocations for instruction " + idx);
                // libbpf marks function-address loads so that linking recognises them
                if (relo.kind == ReloKind.SUBPROG_ADDR) p.insns[idx] = withSrc(p.insns[idx], PSEUDO_FUNC);
            }
        }
    }

    /** libbpf's bpf_program__record_reloc. */
    private Relo classify(Prog p, int idx, Symbol sym) {
        long insn = p.insns[idx];
        String symName = symbolName(sym);
        String where = "program " + p.name + ", instruction " + idx;
        boolean isCall = code(insn) == CALL;
        if (!isCall && code(insn) != LD_IMM64)
            throw new ElfException(where + ": relocation against " + symName + " on an instruction that is neither a call nor ld_imm64 (code 0x" + Integer.toHexString(code(insn)) + ")");
        if (sym.shndx() == ElfReader.SHN_UNDEF && (sym.bind() == ElfReader.STB_GLOBAL || sym.bind() == ElfReader.STB_WEAK) && sym.type() == ElfReader.STT_NOTYPE)
            throw new ElfException(where + ": refers to extern " + symName + ": externs (kconfig, ksyms, kfuncs) are not supported yet");
        if (isCall) {
            if (src(insn) != PSEUDO_CALL) throw new ElfException(where + ": relocated call is not a bpf-to-bpf call (src_reg " + src(insn) + ")");
            if (sym.shndx() == 0 || sym.shndx() != textIdx)
                throw new ElfException(where + ": call to " + symName + " in section " + sectionName(sym.shndx()) + ": subprograms must be in .text");
            if (sym.value() % 8 != 0) throw new ElfException(where + ": call to " + symName + " at unaligned offset " + sym.value());
            return new Relo(ReloKind.CALL, sym.value(), null);
        }
        if (idx + 1 >= p.cnt) throw new ElfException(where + ": ld_imm64 is cut off at the end of the program");
        if (sym.shndx() == 0 || sym.shndx() >= ElfReader.SHN_LORESERVE)
            throw new ElfException(where + ": relocation against " + symName + " in special section 0x" + Integer.toHexString(sym.shndx()) + " (uninitialised global variable?)");
        if (isSubprogSymbol(sym)) {
            if (sym.value() % 8 != 0 || imm(insn) % 8 != 0)
                throw new ElfException(where + ": bad subprogram address relocation against " + symName + " at offset " + sym.value() + "+" + imm(insn));
            return new Relo(ReloKind.SUBPROG_ADDR, sym.value(), null);
        }
        if (sym.shndx() == btfMapsIdx || sym.shndx() == legacyMapsIdx) {
            for (MapDef m : maps.values()) {
                if (m.secIdx == sym.shndx() && m.secOffset == sym.value() && (m.kind == MapSpec.Kind.BTF || m.kind == MapSpec.Kind.LEGACY))
                    return new Relo(ReloKind.MAP, 0, m.name);
            }
            throw new ElfException(where + ": no map at offset " + sym.value() + " of section " + sectionName(sym.shndx()) + " (" + symName + ")");
        }
        if (dataSecs.containsKey(sym.shndx())) {
            for (MapDef m : maps.values())
                if (m.secIdx == sym.shndx() && m.kind == dataSecs.get(sym.shndx())) return new Relo(ReloKind.DATA, sym.value(), m.name);
            throw new ElfException(where + ": data relocation against empty section " + sectionName(sym.shndx()));
        }
        throw new ElfException(where + ": bad relocation against " + symName + " in section " + sectionName(sym.shndx()));
    }

    private String sectionName(int shndx) {
        return shndx > 0 && shndx < secs.size() ? secs.get(shndx).name() : "#" + shndx;
    }

    /** libbpf's bpf_object__collect_map_relos: prog array and map-in-map slots initialised in .maps. */
    private void collectMapRelocations() {
        if (mapsRelSec == null) return;
        if (btfMapsIdx < 0 || mapsRelSec.info() != btfMapsIdx) throw new ElfException("relocations for .maps without BTF-defined maps");
        List<Rel> rels = elf.relocations(mapsRelSec);
        for (int i = 0; i < rels.size(); i++) {
            Rel r = rels.get(i);
            Symbol sym = elf.symbol(r.symbol());
            String name = symbolName(sym);
            MapDef map = null;
            for (MapDef m : maps.values()) {
                if (m.kind != MapSpec.Kind.BTF || m.secIdx != btfMapsIdx) continue;
                if (m.secOffset <= r.offset() && r.offset() + 8 <= m.secOffset + m.varSize) {
                    map = m;
                    break;
                }
            }
            if (map == null) throw new ElfException(".maps relocation " + i + ": no map at offset " + r.offset() + " (" + name + ")");
            boolean mapInMap = map.type == BPF_MAP_TYPE_ARRAY_OF_MAPS || map.type == BPF_MAP_TYPE_HASH_OF_MAPS;
            String target;
            if (mapInMap) {
                if (sym.shndx() != btfMapsIdx) throw new ElfException(".maps relocation " + i + ": " + name + " is not a BTF-defined map");
                if (map.type == BPF_MAP_TYPE_HASH_OF_MAPS && map.keySize != 4) throw new ElfException("hash of maps " + map.name + " must have a 4-byte key");
                MapDef t = maps.get(name);
                if (t == null || t.kind != MapSpec.Kind.BTF) throw new ElfException(".maps relocation " + i + ": " + name + " is not a map");
                target = t.name;
            } else if (map.type == BPF_MAP_TYPE_PROG_ARRAY) {
                Prog p = mainProgram(name);
                if (p == null) throw new ElfException(".maps relocation " + i + ": " + name + " is not a program");
                if (p.sec.index() != sym.shndx() || p.secInsnOff * 8L != sym.value()) throw new ElfException(".maps relocation " + i + ": " + name + " is not an entry-point program");
                target = p.name;
            } else {
                throw new ElfException(".maps relocation " + i + ": map " + map.name + " is neither a prog array nor a map-in-map");
            }
            BtfType.Datasec ds = null;
            for (int id = 1; id < btf.typeCount() && ds == null; id++)
                if (btf.type(id) instanceof BtfType.Datasec && btf.name(id).equals(".maps")) ds = (BtfType.Datasec) btf.type(id);
            BtfType.VarSecinfo vi = ds.vars().get(map.btfVarIdx);
            BtfType.Struct def = (BtfType.Struct) btf.type(skipModsAndTypedefs(((BtfType.Var) btf.type(vi.type())).type()));
            if (def.members().isEmpty()) throw new ElfException("map " + map.name + ": empty definition");
            BtfType.Member last = def.members().get(def.members().size() - 1);
            if (!btf.string(last.nameOff()).equals("values")) throw new ElfException("map " + map.name + ": slots initialised without a 'values' member");
            long moff = Integer.toUnsignedLong(last.bitsOffset()) / 8;
            long rel = r.offset() - map.secOffset;
            if (rel < moff || (rel - moff) % 8 != 0) throw new ElfException("map " + map.name + ": relocation at offset " + r.offset() + " is not a 'values' slot");
            map.slots.put((int) ((rel - moff) / 8), target);
        }
    }

    // ------------------------------------------------------------ linking

    /** Links one entry-point program: appends every subprogram it reaches, depth first, as libbpf. */
    private ProgramSpec link(Prog main) {
        Linker l = new Linker(main);
        l.run();
        ProgramSections.Match m = ProgramSections.match(main.sec.name()).orElse(null);
        String secName = main.sec.name().startsWith("?") ? main.sec.name().substring(1) : main.sec.name();
        return new ProgramSpec(main.name, secName, m == null ? 0 : m.programType(), m == null ? 0 : m.expectedAttachType(),
                m != null && m.hasExpectedAttachType(), m == null ? "" : m.target(), m == null ? 0 : m.programFlags(),
                !main.sec.name().startsWith("?"), license, kernelVersion, java.util.Arrays.copyOf(l.out, l.len), l.refs,
                l.subprograms, l.funcInfos, l.lineInfos, l.coreRelos);
    }

    private final class Linker {
        final Prog main;
        long[] out = new long[64];
        int len;
        final IdentityHashMap<Prog, Integer> placed = new IdentityHashMap<>();
        final List<ProgramSpec.Reference> refs = new ArrayList<>();
        final List<ProgramSpec.Subprogram> subprograms = new ArrayList<>();
        final List<ProgramSpec.FuncInfo> funcInfos = new ArrayList<>();
        final List<ProgramSpec.LineInfo> lineInfos = new ArrayList<>();
        final List<ProgramSpec.CoreRelocation> coreRelos = new ArrayList<>();

        Linker(Prog main) {
            this.main = main;
        }

        private int append(Prog p) {
            int base = len;
            if (out.length < len + p.cnt) out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, len + p.cnt));
            System.arraycopy(p.insns, 0, out, base, p.cnt);
            len += p.cnt;
            placed.put(p, base);
            if (p != main) subprograms.add(new ProgramSpec.Subprogram(p.name, base, p.cnt));
            for (Map.Entry<Integer, Relo> e : p.relos.entrySet()) {
                Relo r = e.getValue();
                int at = base + e.getKey();
                if (r.kind == ReloKind.MAP) {
                    out[at] = withImm(withSrc(out[at], ProgramSpec.PSEUDO_MAP_FD), 0);
                    refs.add(new ProgramSpec.Reference(at, r.map, false, 0));
                } else if (r.kind == ReloKind.DATA) {
                    long offset = imm(out[at]) + r.symOff;
                    if (offset < Integer.MIN_VALUE || offset > Integer.MAX_VALUE) throw new ElfException("program " + p.name + ": data offset " + offset + " out of range");
                    out[at] = withImm(withSrc(out[at], ProgramSpec.PSEUDO_MAP_VALUE), 0);
                    out[at + 1] = withImm(out[at + 1], (int) offset);
                    refs.add(new ProgramSpec.Reference(at, r.map, true, (int) offset));
                }
            }
            if (ext != null) {
                String sec = p.sec.name();
                for (BtfExt.FuncInfo fi : ext.funcInfos(sec))
                    if (p.contains(fi.insnIndex())) funcInfos.add(new ProgramSpec.FuncInfo(fi.insnIndex() - p.secInsnOff + base, fi.typeId()));
                for (BtfExt.LineInfo li : ext.lineInfos(sec))
                    if (p.contains(li.insnIndex())) lineInfos.add(new ProgramSpec.LineInfo(li.insnIndex() - p.secInsnOff + base, li));
                for (BtfExt.CoreRelo cr : ext.coreRelos(sec))
                    if (p.contains(cr.insnIndex())) coreRelos.add(new ProgramSpec.CoreRelocation(cr.insnIndex() - p.secInsnOff + base, cr));
            }
            return base;
        }

        void run() {
            Deque<int[]> stack = new ArrayDeque<>();   // {prog index, base, next insn}
            List<Prog> frames = new ArrayList<>();
            frames.add(main);
            stack.push(new int[] {0, append(main), 0});
            while (!stack.isEmpty()) {
                int[] f = stack.peek();
                Prog p = frames.get(f[0]);
                if (f[2] >= p.cnt) {
                    stack.pop();
                    continue;
                }
                int i = f[2]++;
                int at = f[1] + i;
                long insn = out[at];
                if (!isSubprogCall(insn) && !isPseudoFunc(insn)) continue;
                Relo r = p.relos.get(i);
                Prog callee;
                String where = "program " + main.name + " (in " + p.name + "), instruction " + i;
                if (r != null && r.kind != ReloKind.CALL && r.kind != ReloKind.SUBPROG_ADDR)
                    throw new ElfException(where + ": unexpected relocation on a call");
                if (r != null) {
                    long target = r.kind == ReloKind.CALL ? r.symOff / 8 + imm(insn) + 1 : (r.symOff + imm(insn)) / 8;
                    callee = target < 0 || target > Integer.MAX_VALUE ? null : progAt(textIdx, (int) target);
                    if (callee == null || callee.secInsnOff != target)
                        throw new ElfException(where + ": call target " + target + " is not the start of a function in .text");
                } else if (isPseudoFunc(insn)) {
                    throw new ElfException(where + ": function address without a relocation");
                } else {
                    // a call resolved by the compiler inside the same section
                    long target = (long) p.secInsnOff + i + imm(insn) + 1;
                    callee = target < 0 || target > Integer.MAX_VALUE ? null : progAt(p.sec.index(), (int) target);
                    if (callee == null || callee.secInsnOff != target)
                        throw new ElfException(where + ": call target " + target + " is not the start of a function in " + p.sec.name());
                }
                Integer base = placed.get(callee);
                if (base == null) {
                    base = append(callee);
                    frames.add(callee);
                    out[at] = withImm(insn, base - at - 1);
                    stack.push(new int[] {frames.size() - 1, base, 0});
                } else {
                    out[at] = withImm(insn, base - at - 1);
                }
            }
        }
    }
}
