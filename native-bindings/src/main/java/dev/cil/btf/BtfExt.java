package dev.cil.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code .BTF.ext} section: per ELF code section, the function info (which BTF FUNC
 * starts at which instruction), line info (source file, line and column per instruction) and
 * CO-RE relocation records. Names and strings are resolved against the object's {@code .BTF}.
 *
 * <p>Instruction offsets are kept as the object stores them: byte offsets from the start of the
 * section ({@code insnOff / 8} is the instruction index). Sections keep their order in the blob.
 */
public final class BtfExt {
    static final int FUNC_INFO_MIN = 8;
    static final int LINE_INFO_MIN = 16;
    static final int CORE_RELO_MIN = 16;

    /** A BTF FUNC ({@code typeId}) that starts at {@code insnOff} (bytes). */
    public record FuncInfo(int insnOff, int typeId) {
        public int insnIndex() { return insnOff / 8; }
    }

    /** Source position of the instruction at {@code insnOff} (bytes); the raw string offsets are kept for re-encoding. */
    public record LineInfo(int insnOff, int fileNameOff, int lineOff, int lineCol, String fileName, String line) {
        public int insnIndex() { return insnOff / 8; }
        /** Line number: the top 22 bits of {@code lineCol}. */
        public int lineNumber() { return lineCol >>> 10; }
        /** Column: the low 10 bits of {@code lineCol}. */
        public int column() { return lineCol & 0x3ff; }
    }

    /** The relocation kinds of {@code enum bpf_core_relo_kind}. */
    public enum CoreReloKind {
        FIELD_BYTE_OFFSET, FIELD_BYTE_SIZE, FIELD_EXISTS, FIELD_SIGNED, FIELD_LSHIFT_U64, FIELD_RSHIFT_U64,
        TYPE_ID_LOCAL, TYPE_ID_TARGET, TYPE_EXISTS, TYPE_SIZE, ENUMVAL_EXISTS, ENUMVAL_VALUE, TYPE_MATCHES;

        private static final CoreReloKind[] ALL = values();

        /** The kind for a raw number, or null for a kind this library does not know. */
        public static CoreReloKind of(int raw) {
            return raw >= 0 && raw < ALL.length ? ALL[raw] : null;
        }

        /** libbpf's name for the kind ({@code byte_off}, {@code local_type_id}, …). */
        public String libbpfName() {
            switch (this) {
                case FIELD_BYTE_OFFSET: return "byte_off";
                case FIELD_BYTE_SIZE: return "byte_sz";
                case FIELD_EXISTS: return "field_exists";
                case FIELD_SIGNED: return "signed";
                case FIELD_LSHIFT_U64: return "lshift_u64";
                case FIELD_RSHIFT_U64: return "rshift_u64";
                case TYPE_ID_LOCAL: return "local_type_id";
                case TYPE_ID_TARGET: return "target_type_id";
                case TYPE_EXISTS: return "type_exists";
                case TYPE_SIZE: return "type_size";
                case ENUMVAL_EXISTS: return "enumval_exists";
                case ENUMVAL_VALUE: return "enumval_value";
                case TYPE_MATCHES: return "type_matches";
                default: return name();
            }
        }
    }

    /**
     * A CO-RE relocation: the instruction at {@code insnOff} (bytes) accesses {@code accessString}
     * (e.g. {@code 0:2:1}) from local type {@code typeId}; {@code kind} is the raw relocation kind.
     */
    public record CoreRelo(int insnOff, int typeId, int accessStrOff, String accessString, int kind) {
        public int insnIndex() { return insnOff / 8; }

        /** The relocation kind, or null when this library does not know the number. */
        public CoreReloKind knownKind() { return CoreReloKind.of(kind); }
    }

    private final int funcInfoRecSize;
    private final int lineInfoRecSize;
    private final int coreReloRecSize;
    private final Map<String, List<FuncInfo>> funcInfos;
    private final Map<String, List<LineInfo>> lineInfos;
    private final Map<String, List<CoreRelo>> coreRelos;

    private BtfExt(int fr, int lr, int cr, Map<String, List<FuncInfo>> f, Map<String, List<LineInfo>> l, Map<String, List<CoreRelo>> c) {
        this.funcInfoRecSize = fr;
        this.lineInfoRecSize = lr;
        this.coreReloRecSize = cr;
        this.funcInfos = f;
        this.lineInfos = l;
        this.coreRelos = c;
    }

    /** Function info per section name. */
    public Map<String, List<FuncInfo>> funcInfos() { return funcInfos; }

    /** Line info per section name. */
    public Map<String, List<LineInfo>> lineInfos() { return lineInfos; }

    /** CO-RE relocations per section name. */
    public Map<String, List<CoreRelo>> coreRelos() { return coreRelos; }

    public List<FuncInfo> funcInfos(String section) { return funcInfos.getOrDefault(section, List.of()); }

    public List<LineInfo> lineInfos(String section) { return lineInfos.getOrDefault(section, List.of()); }

    public List<CoreRelo> coreRelos(String section) { return coreRelos.getOrDefault(section, List.of()); }

    /** The record sizes found in the blob (0 when the subsection is absent). */
    public int funcInfoRecSize() { return funcInfoRecSize; }

    public int lineInfoRecSize() { return lineInfoRecSize; }

    public int coreReloRecSize() { return coreReloRecSize; }

    /**
     * Parses a {@code .BTF.ext} blob whose strings live in {@code btf}.
     *
     * @throws BtfException if the blob is malformed or refers to strings outside {@code btf}
     */
    public static BtfExt parse(byte[] blob, BtfSpec btf) {
        if (blob == null || btf == null) throw new BtfException(".BTF.ext: blob and BTF are required");
        ByteBuffer bb = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        if (blob.length < 24) throw new BtfException(".BTF.ext too short for its header: " + blob.length + " bytes");
        int magic = bb.getShort(0) & 0xffff;
        if (magic != BtfSpec.MAGIC) throw new BtfException(String.format(".BTF.ext: bad magic 0x%04x (want 0xeb9f)", magic));
        if ((blob[2] & 0xff) != 1) throw new BtfException(".BTF.ext: unsupported version " + (blob[2] & 0xff));
        if (blob[3] != 0) throw new BtfException(".BTF.ext: unsupported flags 0x" + Integer.toHexString(blob[3] & 0xff));
        long hdrLen = Integer.toUnsignedLong(bb.getInt(4));
        if (hdrLen < 24 || hdrLen > blob.length) throw new BtfException(".BTF.ext: bad header length " + hdrLen);
        Sub func = sub(bb, hdrLen, 8, "func_info");
        Sub line = sub(bb, hdrLen, 16, "line_info");
        Sub core = hdrLen >= 32 ? sub(bb, hdrLen, 24, "core_relo") : new Sub(0, 0);

        Map<String, List<FuncInfo>> funcs = new LinkedHashMap<>();
        int fr = walk(bb, func, FUNC_INFO_MIN, "func_info", btf, (sec, p) ->
                funcs.computeIfAbsent(sec, k -> new ArrayList<>()).add(new FuncInfo(insnOff(bb, p, "func_info"), bb.getInt(p + 4))));
        Map<String, List<LineInfo>> lines = new LinkedHashMap<>();
        int lr = walk(bb, line, LINE_INFO_MIN, "line_info", btf, (sec, p) -> {
            int fileOff = bb.getInt(p + 4), lineOff = bb.getInt(p + 8);
            lines.computeIfAbsent(sec, k -> new ArrayList<>()).add(new LineInfo(insnOff(bb, p, "line_info"), fileOff, lineOff,
                    bb.getInt(p + 12), str(btf, fileOff, "line_info file name"), str(btf, lineOff, "line_info line")));
        });
        Map<String, List<CoreRelo>> relos = new LinkedHashMap<>();
        int cr = walk(bb, core, CORE_RELO_MIN, "core_relo", btf, (sec, p) -> {
            int acc = bb.getInt(p + 8);
            relos.computeIfAbsent(sec, k -> new ArrayList<>()).add(new CoreRelo(insnOff(bb, p, "core_relo"), bb.getInt(p + 4), acc,
                    str(btf, acc, "core_relo access string"), bb.getInt(p + 12)));
        });
        return new BtfExt(fr, lr, cr, freeze(funcs), freeze(lines), freeze(relos));
    }

    private static <T> Map<String, List<T>> freeze(Map<String, List<T>> m) {
        LinkedHashMap<String, List<T>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    private static int insnOff(ByteBuffer bb, int p, String what) {
        int off = bb.getInt(p);
        if (off < 0 || off % 8 != 0) throw new BtfException(".BTF.ext " + what + ": instruction offset " + Integer.toUnsignedString(off) + " is not a multiple of 8");
        return off;
    }

    private static String str(BtfSpec btf, int off, String what) {
        if (off < 0 || off >= btf.stringsLength()) throw new BtfException(".BTF.ext: " + what + " offset " + Integer.toUnsignedString(off) + " is outside the BTF strings");
        return btf.string(off);
    }

    private record Sub(long start, long len) { }

    private static Sub sub(ByteBuffer bb, long hdrLen, int fieldOff, String what) {
        long off = Integer.toUnsignedLong(bb.getInt(fieldOff)), len = Integer.toUnsignedLong(bb.getInt(fieldOff + 4));
        if (len == 0) return new Sub(0, 0);
        if (hdrLen + off + len > bb.capacity())
            throw new BtfException(".BTF.ext " + what + " section [" + off + ", +" + len + ") is outside the blob");
        if (off % 4 != 0) throw new BtfException(".BTF.ext " + what + " section is not 4-byte aligned");
        return new Sub(hdrLen + off, len);
    }

    private interface RecordSink {
        void accept(String section, int pos);
    }

    private static int walk(ByteBuffer bb, Sub s, int minRec, String what, BtfSpec btf, RecordSink sink) {
        if (s.len() == 0) return 0;
        if (s.len() < 4) throw new BtfException(".BTF.ext " + what + " section is truncated");
        int p = (int) s.start();
        int end = (int) (s.start() + s.len());
        long recSize = Integer.toUnsignedLong(bb.getInt(p));
        p += 4;
        if (recSize < minRec || recSize % 4 != 0 || recSize > 1024)
            throw new BtfException(".BTF.ext " + what + ": bad record size " + recSize);
        while (p < end) {
            if (end - p < 8) throw new BtfException(".BTF.ext " + what + ": truncated section header at byte " + p);
            int nameOff = bb.getInt(p);
            long num = Integer.toUnsignedLong(bb.getInt(p + 4));
            p += 8;
            String sec = str(btf, nameOff, what + " section name");
            if (num == 0) throw new BtfException(".BTF.ext " + what + ": section " + sec + " has no records");
            if (num * recSize > end - p)
                throw new BtfException(".BTF.ext " + what + ": section " + sec + " claims " + num + " records of " + recSize + " bytes, only " + (end - p) + " bytes left");
            for (long i = 0; i < num; i++, p += (int) recSize) sink.accept(sec, p);
        }
        return (int) recSize;
    }
}
