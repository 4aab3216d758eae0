package dev.cil.cli.command.map;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.Btf;
import dev.cil.bpf.BtfId;
import dev.cil.bpf.MapType;
import dev.cil.bpf.PossibleCpus;
import dev.cil.btf.BpftoolJsonWriter;
import dev.cil.btf.BtfSpec;
import dev.cil.btf.BtfValueFormatter;
import dev.cil.error.KernelException;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Map entries through the map's BTF, as bpftool's btf_dumper: in JSON each entry keeps the raw hex and
 * adds {@code formatted}; in text the whole dump is bpftool's pretty JSON of the formatted entries (no
 * {@code Found} line). Maps whose BTF has no value type print raw entries inside the brackets, as bpftool.
 */
final class BtfEntryDump {
    private final BpfMap map;
    private final BtfSpec btf;
    private final int keyType;
    private final int valueType;
    private final boolean json;
    private final BtfValueFormatter formatter;
    private final BpftoolJsonWriter w;
    private final int cpus;

    private BtfEntryDump(BpfMap map, BtfSpec btf, int keyType, int valueType, boolean json, BpftoolJsonWriter w) {
        this.map = map;
        this.btf = btf;
        this.keyType = keyType;
        this.valueType = valueType;
        this.json = json;
        this.w = w;
        this.formatter = btf == null ? null : new BtfValueFormatter(btf, !json);
        this.cpus = PossibleCpus.count();
    }

    /** The BTF bpftool would use: vmlinux for struct_ops values, else the map's own object when it has a value type. */
    static BtfSpec btfOf(BpfMap m) {
        if (m.btfVmlinuxValueTypeId() != 0) return BtfSpec.vmlinux();
        if (m.btfValueTypeId() == 0) return null;
        try (Btf b = Btf.openById(new BtfId(m.btfId()))) {
            return BtfSpec.parse(b.bytes());
        }
    }

    static BtfEntryDump open(BpfMap m, boolean json, boolean pretty, PrintWriter out) {
        BtfSpec btf = btfOf(m);
        int value = m.btfVmlinuxValueTypeId() != 0 ? m.btfVmlinuxValueTypeId() : m.btfValueTypeId();
        return new BtfEntryDump(m, btf, m.btfKeyTypeId(), value, json, new BpftoolJsonWriter(out, pretty || !json));
    }

    BpftoolJsonWriter writer() { return w; }

    private void hex(ByteBuffer b, int off, int n) { MapDumpCommand.hex(w, b, off, n); }

    private static byte[] copy(ByteBuffer b, int off, int n) {
        byte[] a = new byte[n];
        b.get(off, a);
        return a;
    }

    void entry(ByteBuffer keys, int keyOff, ByteBuffer values, int valueOff) {
        int ks = map.keySize(), vs = map.valueSize();
        boolean ofMaps = map.type() == MapType.ARRAY_OF_MAPS || map.type() == MapType.HASH_OF_MAPS;
        byte[] key = copy(keys, keyOff, ks);
        if (json) {
            w.beginObject();
            w.name("key");
            hex(keys, keyOff, ks);
            if (!map.perCpu()) {
                w.name("value");
                hex(values, valueOff, vs);
                if (ofMaps) {
                    w.name("inner_map_id");
                    w.unsignedNumber(Integer.toUnsignedLong(values.getInt(valueOff)));
                }
                if (btf != null) {
                    w.name("formatted");
                    formatter.entry(keyType, key, valueType, copy(values, valueOff, vs), w);
                }
            } else {
                int step = (vs + 7) & ~7;
                w.name("values");
                w.beginArray();
                for (int c = 0; c < cpus; c++) {
                    w.beginObject();
                    w.name("cpu");
                    w.number(c);
                    w.name("value");
                    hex(values, valueOff + c * step, vs);
                    w.endObject();
                }
                w.endArray();
                if (btf != null) {
                    w.name("formatted");
                    formatter.perCpuEntry(keyType, key, valueType, perCpu(values, valueOff), w);
                }
            }
            w.endObject();
        } else if (map.perCpu()) {
            formatter.perCpuEntry(keyType, key, valueType, perCpu(values, valueOff), w);
        } else {
            formatter.entry(keyType, key, valueType, copy(values, valueOff, vs), w);
        }
    }

    private List<byte[]> perCpu(ByteBuffer values, int valueOff) {
        int vs = map.valueSize(), step = (vs + 7) & ~7;
        List<byte[]> out = new ArrayList<>(cpus);
        for (int c = 0; c < cpus; c++) out.add(copy(values, valueOff + c * step, vs));
        return out;
    }

    void error(ByteBuffer keys, int keyOff, KernelException e) {
        MapDumpCommand.errorEntry(w, keys, keyOff, map.keySize(), e);
    }

    boolean formats() { return btf != null; }
}
