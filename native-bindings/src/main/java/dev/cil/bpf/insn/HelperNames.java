package dev.cil.bpf.insn;

import dev.cil.btf.BtfSpec;
import dev.cil.btf.BtfType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;

/**
 * Names of the BPF helper functions by id ({@code bpf_map_lookup_elem} is 1, {@code bpf_tail_call} 12),
 * taken from the running kernel's {@code enum bpf_func_id} in its BTF ({@code BPF_FUNC_map_lookup_elem}
 * becomes {@code bpf_map_lookup_elem}), so ids added by newer kernels are known without a table here.
 * Ids at or past {@code __BPF_FUNC_MAX_ID} have no name.
 */
public final class HelperNames {
    private static final String PREFIX = "BPF_FUNC_";
    private static volatile HelperNames kernel;

    private final String[] names;

    private HelperNames(String[] names) { this.names = names; }

    /** No names at all. */
    public static HelperNames none() { return new HelperNames(new String[0]); }

    /** The names from {@code enum bpf_func_id} in a BTF spec; none if the spec has no such enum. */
    public static HelperNames fromBtf(BtfSpec btf) {
        Optional<BtfType> t = btf.typeByName("bpf_func_id", BtfType.Kind.ENUM);
        if (t.isEmpty()) return none();
        BtfType.Enum e = (BtfType.Enum) t.get();
        String[] n = new String[e.values().size()];
        int[] v = new int[n.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = btf.string(e.values().get(i).nameOff());
            v[i] = e.values().get(i).value();
        }
        return fromValues(n, v);
    }

    private static HelperNames fromValues(String[] enumNames, int[] values) {
        int max = -1;
        for (int i = 0; i < enumNames.length; i++) {
            if ("__BPF_FUNC_MAX_ID".equals(enumNames[i])) max = values[i];
        }
        String[] names = new String[0];
        for (int i = 0; i < enumNames.length; i++) {
            String n = enumNames[i];
            int id = values[i];
            if (!n.startsWith(PREFIX) || id < 0 || id > 0xffff || (max >= 0 && id >= max)) continue;
            if (id >= names.length) names = Arrays.copyOf(names, Math.max(id + 1, names.length * 2));
            names[id] = "bpf_" + n.substring(PREFIX.length());
        }
        int end = names.length;
        while (end > 0 && names[end - 1] == null) end--;
        return new HelperNames(Arrays.copyOf(names, end));
    }

    /**
     * The running kernel's names ({@code /sys/kernel/btf/vmlinux}), read once per process; none when the
     * kernel has no BTF. Only the one enum is looked at ({@link #scan}): building the whole
     * {@link BtfSpec} of vmlinux costs some 350 ms, the scan a few.
     */
    public static HelperNames kernel() {
        HelperNames k = kernel;
        if (k == null) {
            try {
                k = scan(Files.readAllBytes(BtfSpec.VMLINUX));
            } catch (IOException | SecurityException e) {
                k = none();
            }
            kernel = k;
        }
        return k;
    }

    /**
     * Finds {@code enum bpf_func_id} in a raw BTF blob by walking the type headers only, without
     * building a model; none when the blob is malformed or has no such enum. Gives the same names as
     * {@link #fromBtf} on the parsed blob.
     */
    public static HelperNames scan(byte[] blob) {
        try {
            ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
            if ((b.getShort(0) & 0xffff) != 0xeb9f) return none();
            int hdrLen = b.getInt(4);
            int typeOff = hdrLen + b.getInt(8), typeLen = b.getInt(12);
            int strOff = hdrLen + b.getInt(16), strLen = b.getInt(20);
            if (hdrLen < 24 || typeOff < 0 || typeLen < 0 || strOff < 0 || strLen < 0
                    || (long) typeOff + typeLen > blob.length || (long) strOff + strLen > blob.length) {
                return none();
            }
            byte[] wanted = "bpf_func_id".getBytes(StandardCharsets.ISO_8859_1);
            int pos = typeOff, end = typeOff + typeLen;
            while (pos + 12 <= end) {
                int nameOff = b.getInt(pos), info = b.getInt(pos + 4);
                int vlen = info & 0xffff, kind = (info >>> 24) & 0x1f;
                if (kind == BtfType.Kind.ENUM.value() && named(blob, strOff, strLen, nameOff, wanted)) return fromEnum(b, pos + 12, vlen, blob, strOff, strLen);
                int extra = extra(kind, vlen);
                if (extra < 0) return none();
                pos += 12 + extra;
            }
            return none();
        } catch (IndexOutOfBoundsException e) {
            return none();
        }
    }

    private static HelperNames fromEnum(ByteBuffer b, int pos, int vlen, byte[] blob, int strOff, int strLen) {
        String[] n = new String[vlen];
        int[] v = new int[vlen];
        for (int i = 0; i < vlen; i++) {
            n[i] = cString(blob, strOff, strLen, b.getInt(pos + 8 * i));
            v[i] = b.getInt(pos + 8 * i + 4);
        }
        return fromValues(n, v);
    }

    /** Bytes of the type data after each {@code struct btf_type}, by kind; -1 for a kind this walk does not know. */
    private static int extra(int kind, int vlen) {
        switch (kind) {
            case 1: case 14: case 17: return 4;                     // INT, VAR, DECL_TAG
            case 3: return 12;                                      // ARRAY
            case 4: case 5: case 15: case 19: return 12 * vlen;     // STRUCT, UNION, DATASEC, ENUM64
            case 6: case 13: return 8 * vlen;                       // ENUM, FUNC_PROTO
            case 2: case 7: case 8: case 9: case 10: case 11: case 12: case 16: case 18: return 0;
            default: return -1;
        }
    }

    /** True when the string at {@code off} is exactly {@code want}. */
    private static boolean named(byte[] blob, int strOff, int strLen, int off, byte[] want) {
        if (off < 0 || off + want.length >= strLen) return false;
        int s = strOff + off;
        return blob[s + want.length] == 0 && Arrays.equals(blob, s, s + want.length, want, 0, want.length);
    }

    private static String cString(byte[] blob, int strOff, int strLen, int off) {
        if (off < 0 || off >= strLen) return "";
        int s = strOff + off, e = s;
        while (e < strOff + strLen && blob[e] != 0) e++;
        return new String(blob, s, e - s, StandardCharsets.ISO_8859_1);
    }

    /** The name of helper {@code id}, or null. */
    public String name(int id) { return id >= 0 && id < names.length ? names[id] : null; }

    /** One past the highest id with a name. */
    public int size() { return names.length; }
}
