package dev.cil.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The one BTF fact `prog show` needs on its hot path: the name of a type by id, found by walking
 * the type section without building a model. Bounds-checked; returns null on anything malformed.
 */
final class BtfNames {
    private BtfNames() { }

    static String funcName(byte[] blob, int typeId) {
        try {
            ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
            if ((b.getShort(0) & 0xffff) != 0xeb9f) return null;
            int hdrLen = b.getInt(4);
            int typeOff = hdrLen + b.getInt(8), typeLen = b.getInt(12);
            int strOff = hdrLen + b.getInt(16), strLen = b.getInt(20);
            int pos = typeOff, end = typeOff + typeLen;
            for (int id = 1; pos + 12 <= end; id++) {
                int nameOff = b.getInt(pos);
                int info = b.getInt(pos + 4);
                if (id == typeId) return string(blob, strOff, strLen, nameOff);
                int vlen = info & 0xffff;
                int kind = (info >>> 24) & 0x1f;
                pos += 12 + extra(kind, vlen);
            }
            return null;
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static int extra(int kind, int vlen) {
        switch (kind) {
            case 1: case 14: case 17: return 4;           // INT, VAR, DECL_TAG
            case 3: return 12;                            // ARRAY
            case 4: case 5: case 15: case 19: return 12 * vlen; // STRUCT, UNION, DATASEC, ENUM64
            case 6: case 13: return 8 * vlen;             // ENUM, FUNC_PROTO
            default: return 0;
        }
    }

    private static String string(byte[] blob, int strOff, int strLen, int off) {
        if (off < 0 || off >= strLen) return null;
        int start = strOff + off, end = start;
        int limit = strOff + strLen;
        while (end < limit && blob[end] != 0) end++;
        return new String(blob, start, end - start, StandardCharsets.UTF_8);
    }
}
