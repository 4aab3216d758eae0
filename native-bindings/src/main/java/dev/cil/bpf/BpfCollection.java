package dev.cil.bpf;

import dev.cil.btf.BtfSpec;
import dev.cil.btf.BtfType;
import dev.cil.btf.CoreRelocator;
import dev.cil.elf.CollectionSpec;
import dev.cil.elf.MapSpec;
import dev.cil.elf.ProgramSpec;
import dev.cil.error.KernelException;
import dev.cil.error.NoSuchObjectException;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live objects of a {@link CollectionSpec}: its BTF loaded, maps created (or reused from pins),
 * data maps initialised and {@code .rodata} frozen, programs relocated (map fds, data addresses,
 * CO-RE against the kernel's BTF) and loaded with their BTF func and line info, and prog-array /
 * map-in-map slots filled — libbpf's bpf_object__load, in Java. Everything it opened is owned here:
 * {@link #close()} closes all fds (pins keep their objects alive). A failed load closes what it made
 * and removes the pins it created.
 */
public final class BpfCollection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.cil.loader");
    private static final int PAGE = 4096;

    private final Map<String, BpfMap> maps;
    private final Map<String, BpfProgram> programs;
    private final Fd btf;
    private final List<String> warnings;
    private final List<String> createdPins;

    private BpfCollection(Map<String, BpfMap> maps, Map<String, BpfProgram> programs, Fd btf, List<String> warnings,
                          List<String> createdPins) {
        this.maps = Collections.unmodifiableMap(maps);
        this.programs = Collections.unmodifiableMap(programs);
        this.btf = btf;
        this.warnings = List.copyOf(warnings);
        this.createdPins = List.copyOf(createdPins);
    }

    /** A program by name; {@link NoSuchObjectException} when the object has none by that name. */
    public BpfProgram program(String name) {
        BpfProgram p = programs.get(name);
        if (p == null) throw new NoSuchObjectException("program " + name, 2, "the object has " + programs.keySet());
        return p;
    }

    /** A map by its name in the object (for data maps the section name, e.g. {@code .rodata}). */
    public BpfMap map(String name) {
        BpfMap m = maps.get(name);
        if (m == null) throw new NoSuchObjectException("map " + name, 2, "the object has " + maps.keySet());
        return m;
    }

    /** Programs by name, in the object's order. */
    public Map<String, BpfProgram> programs() { return programs; }

    /** Maps by name, in the object's order. */
    public Map<String, BpfMap> maps() { return maps; }

    /** Decisions the loader made that the caller should be able to show (e.g. loading without BTF). */
    public List<String> warnings() { return warnings; }

    /** The map pins this load created (not the reused ones). */
    public List<String> createdPins() { return createdPins; }

    /**
     * The file name a map gets when pinned into a directory, as libbpf: its name in the object, or for
     * data maps its kernel name, with {@code .} replaced by {@code _}.
     */
    public static String pinName(MapSpec m) {
        return (m.isGlobalData() ? m.kernelName() : m.name()).replace('.', '_');
    }

    /** Loads {@code spec}. */
    public static BpfCollection load(CollectionSpec spec, LoadOptions opts) {
        return new Loader(spec, opts).load();
    }

    @Override
    public void close() {
        for (BpfProgram p : programs.values()) p.close();
        for (BpfMap m : maps.values()) m.close();
        if (btf != null) btf.close();
    }

    /** One load; owns everything until it is handed to the collection. */
    private static final class Loader {
        private final CollectionSpec spec;
        private final LoadOptions opts;
        private final Map<String, BpfMap> maps = new LinkedHashMap<>();
        private final Map<String, BpfProgram> programs = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<String> createdPins = new ArrayList<>();
        private final List<String> reused = new ArrayList<>();
        private Fd btf;
        private BtfSpec target;

        Loader(CollectionSpec spec, LoadOptions opts) {
            this.spec = spec;
            this.opts = opts;
        }

        BpfCollection load() {
            try {
                loadBtf();
                for (MapSpec m : spec.maps().values()) createMap(m);
                for (ProgramSpec p : spec.programs().values()) {
                    if (p.autoload()) loadProgram(p);
                }
                fillSlots();
                Map<String, BpfMap> all = new LinkedHashMap<>();
                for (String name : spec.maps().keySet()) {
                    BpfMap m = maps.containsKey(name) ? maps.get(name) : null;
                    if (m != null) all.put(name, m);
                }
                return new BpfCollection(all, programs, btf, warnings, createdPins);
            } catch (RuntimeException | Error e) {
                for (BpfProgram p : programs.values()) p.close();
                for (BpfMap m : maps.values()) m.close();
                if (btf != null) btf.close();
                for (String pin : createdPins) {
                    try {
                        Files.deleteIfExists(Path.of(pin));
                    } catch (IOException ignored) {
                        // best effort, as libbpf's unpin on failure
                    }
                }
                throw e;
            }
        }

        private String obj() { return spec.objectName(); }

        private void loadBtf() {
            if (spec.btf().isEmpty()) return;
            try {
                btf = new Fd(BpfCalls.btfLoad(NativeBuffer.of(spec.btf().get().bytes()), "BTF of " + obj()), "btf of " + obj());
            } catch (KernelException e) {
                // libbpf goes on without BTF: maps lose their types, programs their func/line info
                warnings.add("loaded " + obj() + " without BTF: " + e.getMessage());
                LOG.log(System.Logger.Level.WARNING, warnings.get(warnings.size() - 1));
            }
        }

        // ---- maps ----

        private static int maxEntries(MapSpec m) {
            if (m.type() == MapType.RINGBUF.number() || m.type() == MapType.USER_RINGBUF.number()) {
                return (int) ((Integer.toUnsignedLong(m.maxEntries()) + PAGE - 1) / PAGE * PAGE);
            }
            return m.maxEntries();
        }

        private void createMap(MapSpec m) {
            BpfMap replacement = opts.replacements().get(m.name());
            if (replacement != null) {
                checkCompatible(m, replacement, "given map for " + m.name());
                maps.put(m.name(), BpfMap.adopt(replacement.fd().dup()));
                reused.add(m.name());
                return;
            }
            String pin = null;
            if (m.pinning() == MapSpec.PIN_BY_NAME) {
                pin = opts.pinDir() + "/" + m.name();
                if (Files.exists(Path.of(pin))) {
                    BpfMap existing = BpfMap.openPinned(pin);
                    try {
                        checkCompatible(m, existing, "pinned map at " + pin);
                    } catch (RuntimeException e) {
                        existing.close();
                        throw e;
                    }
                    maps.put(m.name(), existing);
                    reused.add(m.name());
                    return;
                }
            }
            BpfMap created = create(m);
            maps.put(m.name(), created);
            if (m.isGlobalData()) initialise(m, created);
            if (pin != null) {
                try {
                    Files.createDirectories(Path.of(opts.pinDir()));
                } catch (IOException e) {
                    throw new KernelException("create pin directory " + opts.pinDir(), 2, e.getMessage());
                }
                created.pin(pin);
                createdPins.add(pin);
            }
        }

        private BpfMap create(MapSpec m) {
            BpfMap inner = null;
            try {
                if (m.innerMap().isPresent()) inner = create(m.innerMap().get());
                boolean withBtf = btf != null && m.btfValueTypeId() != 0 && m.type() != MapType.PROG_ARRAY.number();
                String what = "map " + m.name() + " of " + obj();
                try {
                    return BpfMap.adopt(new Fd(BpfCalls.mapCreate(params(m, inner, withBtf)), what));
                } catch (KernelException e) {
                    if (!withBtf) throw e;
                    // as libbpf: a kernel that rejects the map's BTF gets the map without it
                    warnings.add(what + " created without BTF: " + e.getMessage());
                    return BpfMap.adopt(new Fd(BpfCalls.mapCreate(params(m, inner, false)), what));
                }
            } finally {
                if (inner != null) inner.close();
            }
        }

        private BpfCalls.MapCreate params(MapSpec m, BpfMap inner, boolean withBtf) {
            return new BpfCalls.MapCreate(m.type(), m.keySize(), m.valueSize(), maxEntries(m), m.flags(),
                    inner == null ? 0 : inner.fd().raw(), m.kernelName(), withBtf ? btf.raw() : 0,
                    withBtf ? m.btfKeyTypeId() : 0, withBtf ? m.btfValueTypeId() : 0, m.mapExtra(), 0);
        }

        private void initialise(MapSpec m, BpfMap map) {
            byte[] contents = m.contents();
            if (contents.length > 0) {
                byte[] value = new byte[map.valueBufferSize()];
                System.arraycopy(contents, 0, value, 0, Math.min(contents.length, value.length));
                map.update(new byte[4], value, BpfMap.UPDATE_ANY);
            }
            if (m.frozen()) map.freeze();
        }

        private void checkCompatible(MapSpec m, BpfMap have, String what) {
            List<String> diffs = new ArrayList<>();
            if (have.typeNumber() != m.type()) diffs.add("type " + MapType.nameOf(have.typeNumber()) + " vs " + MapType.nameOf(m.type()));
            if (have.keySize() != m.keySize()) diffs.add("key size " + have.keySize() + " vs " + m.keySize());
            if (have.valueSize() != m.valueSize()) diffs.add("value size " + have.valueSize() + " vs " + m.valueSize());
            if (have.maxEntries() != maxEntries(m)) diffs.add("max_entries " + have.maxEntries() + " vs " + maxEntries(m));
            MapInfo info = have.info();
            if (info.flags() != m.flags()) diffs.add("flags 0x" + Integer.toHexString(info.flags()) + " vs 0x" + Integer.toHexString(m.flags()));
            if (info.mapExtra() != m.mapExtra()) diffs.add("map_extra " + info.mapExtra() + " vs " + m.mapExtra());
            if (!diffs.isEmpty()) {
                throw new KernelException("reuse " + what + " for " + m.name() + " of " + obj(), 22,
                        "incompatible: " + String.join(", ", diffs) + "; remove the pin or change the definition");
            }
        }

        // ---- programs ----

        private void loadProgram(ProgramSpec p) {
            long[] insns = p.instructions();
            for (ProgramSpec.Reference r : p.references()) {
                BpfMap m = maps.get(r.map());
                if (m == null) throw new KernelException("relocate " + p.name() + " of " + obj(), 22, "no map " + r.map());
                long insn = insns[r.insn()];
                insn = (insn & ~0xF000L) | ((long) (r.valueAddress() ? ProgramSpec.PSEUDO_MAP_VALUE : ProgramSpec.PSEUDO_MAP_FD) << 12);
                insn = (insn & 0xFFFFFFFFL) | ((long) m.fd().raw() << 32);
                insns[r.insn()] = insn;
            }
            if (!p.coreRelocations().isEmpty()) {
                if (spec.btf().isEmpty()) throw new KernelException("CO-RE for " + p.name() + " of " + obj(), 22, "the object has no BTF");
                List<Map.Entry<Integer, dev.cil.btf.BtfExt.CoreRelo>> relos = new ArrayList<>();
                for (ProgramSpec.CoreRelocation c : p.coreRelocations()) relos.add(Map.entry(c.insn(), c.relo()));
                insns = new CoreRelocator(spec.btf().get(), coreTarget()).apply(insns, relos);
            }
            NativeBuffer code = NativeBuffer.allocate(insns.length * 8);
            for (int i = 0; i < insns.length; i++) code.putLong(8 * i, insns[i]);
            int type = opts.programType() != null ? opts.programType() : p.programType();
            if (type == 0) {
                throw new KernelException("load " + p.name() + " of " + obj(), 22,
                        "section '" + p.sectionName() + "' names no program type: give one (type TYPE)");
            }
            int expected = opts.expectedAttachType() != null ? opts.expectedAttachType()
                    : p.hasExpectedAttachType() ? p.expectedAttachType() : 0;
            boolean withBtf = btf != null && !p.funcInfos().isEmpty();
            NativeBuffer funcInfo = null, lineInfo = null;
            if (withBtf) {
                funcInfo = NativeBuffer.allocate(8 * p.funcInfos().size());
                for (int i = 0; i < p.funcInfos().size(); i++) {
                    funcInfo.putInt(8 * i, p.funcInfos().get(i).insn()).putInt(8 * i + 4, p.funcInfos().get(i).typeId());
                }
                if (!p.lineInfos().isEmpty()) {
                    lineInfo = NativeBuffer.allocate(16 * p.lineInfos().size());
                    for (int i = 0; i < p.lineInfos().size(); i++) {
                        ProgramSpec.LineInfo l = p.lineInfos().get(i);
                        lineInfo.putInt(16 * i, l.insn()).putInt(16 * i + 4, l.source().fileNameOff())
                                .putInt(16 * i + 8, l.source().lineOff()).putInt(16 * i + 12, l.source().lineCol());
                    }
                }
            }
            int attachBtfId = attachBtfId(p, type, expected);
            String name = p.name().length() > 15 ? p.name().substring(0, 15) : p.name();
            BpfCalls.ProgLoad load = new BpfCalls.ProgLoad(type, code, insns.length, p.license(), name, expected, p.programFlags(),
                    withBtf ? btf.raw() : 0, funcInfo, 8, funcInfo == null ? 0 : p.funcInfos().size(), lineInfo, 16,
                    lineInfo == null ? 0 : p.lineInfos().size(), attachBtfId, 0, null, 0);
            String what = "prog " + p.name() + " (section " + p.sectionName() + ") of " + obj();
            int fd;
            try {
                fd = BpfCalls.progLoad(load, what);
            } finally {
                if (funcInfo != null) funcInfo.keepAlive();
                if (lineInfo != null) lineInfo.keepAlive();
            }
            BpfProgram prog = BpfProgram.adopt(new Fd(fd, what));
            programs.put(p.name(), prog);
            bindRodata(prog, p, what);
        }

        /** As libbpf: every program holds the object's read-only data maps, referenced or not. */
        private void bindRodata(BpfProgram prog, ProgramSpec p, String what) {
            for (MapSpec m : spec.maps().values()) {
                if (m.kind() != MapSpec.Kind.RODATA) continue;
                BpfMap map = maps.get(m.name());
                try {
                    BpfCalls.progBindMap(prog.fd().raw(), map.fd().raw(), what);
                } catch (KernelException e) {
                    warnings.add("could not bind " + m.name() + " to " + p.name() + ": " + e.getMessage());
                }
            }
        }

        private BtfSpec coreTarget() {
            if (target == null) target = opts.coreTarget() != null ? opts.coreTarget() : BtfSpec.vmlinux();
            return target;
        }

        /** The vmlinux BTF id a tracing / LSM / iterator program attaches to, 0 for other types. */
        private int attachBtfId(ProgramSpec p, int type, int expected) {
            String prefix;
            BtfType.Kind kind = BtfType.Kind.FUNC;
            if (type == ProgramType.TRACING.number()) {
                if (expected == AttachType.TRACE_RAW_TP.number()) {
                    prefix = "btf_trace_";
                    kind = BtfType.Kind.TYPEDEF;
                } else if (expected == AttachType.TRACE_ITER.number()) {
                    prefix = "bpf_iter_";
                } else {
                    prefix = "";
                }
            } else if (type == ProgramType.LSM.number()) {
                prefix = "bpf_lsm_";
            } else {
                return 0;
            }
            String target = p.attachTarget();
            if (target.isEmpty()) throw new KernelException("load " + p.name() + " of " + obj(), 22, "section '" + p.sectionName() + "' names no attach target");
            int id = coreTarget().typeIdByName(prefix + target, kind).orElse(-1);
            if (id < 0) throw new KernelException("load " + p.name() + " of " + obj(), 2, "no " + kind + " " + prefix + target + " in the kernel's BTF");
            return id;
        }

        // ---- slots ----

        private void fillSlots() {
            for (MapSpec m : spec.maps().values()) {
                if (m.initialSlots().isEmpty() || reused.contains(m.name())) continue;
                BpfMap map = maps.get(m.name());
                for (MapSpec.Slot s : m.initialSlots()) {
                    int fd;
                    if (m.type() == MapType.PROG_ARRAY.number()) {
                        BpfProgram p = programs.get(s.target());
                        if (p == null) throw new KernelException("fill " + m.name() + "[" + s.index() + "] of " + obj(), 2, "program " + s.target() + " was not loaded");
                        fd = p.fd().raw();
                    } else {
                        BpfMap inner = maps.get(s.target());
                        if (inner == null) throw new KernelException("fill " + m.name() + "[" + s.index() + "] of " + obj(), 2, "no map " + s.target());
                        fd = inner.fd().raw();
                    }
                    byte[] key = new byte[m.keySize()];
                    for (int i = 0; i < Math.min(4, key.length); i++) key[i] = (byte) (s.index() >>> (8 * i));
                    byte[] value = new byte[] {(byte) fd, (byte) (fd >>> 8), (byte) (fd >>> 16), (byte) (fd >>> 24)};
                    map.update(key, value, BpfMap.UPDATE_ANY);
                }
            }
        }
    }
}
