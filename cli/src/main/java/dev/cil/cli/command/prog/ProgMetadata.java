package dev.cil.cli.command.prog;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.Btf;
import dev.cil.bpf.BtfId;
import dev.cil.bpf.MapId;
import dev.cil.bpf.MapType;
import dev.cil.bpf.ProgramInfo;
import dev.cil.btf.BpftoolJsonWriter;
import dev.cil.btf.BtfException;
import dev.cil.btf.BtfSpec;
import dev.cil.btf.BtfType;
import dev.cil.btf.BtfValueFormatter;
import dev.cil.error.KernelException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A program's metadata as bpftool shows it: the {@code bpf_metadata_*} variables of the first
 * {@code .rodata} map the program uses (an array, 4-byte key, one entry, a BTF value type), each
 * formatted by the BTF dumper. {@code volatile const char bpf_metadata_name[] SEC(".rodata") = "x";}
 * prints {@code name = "x"}. Anything that does not fit (no such map, no BTF, a lookup that fails)
 * means no metadata, as in bpftool.
 */
record ProgMetadata(List<Entry> entries) {
    static final String PREFIX = "bpf_metadata_";

    /** One variable: its name without the prefix, its value in bpftool's plain-text and JSON forms. */
    record Entry(String name, String text, String json) { }

    static final ProgMetadata NONE = new ProgMetadata(List.of());

    boolean isEmpty() { return entries.isEmpty(); }

    static ProgMetadata of(ProgramInfo info) {
        if (info.mapIds().length == 0) return NONE;
        try {
            for (int id : info.mapIds()) {
                try (BpfMap m = BpfMap.openById(new MapId(id))) {
                    if (m.type() != MapType.ARRAY || m.keySize() != 4 || m.maxEntries() != 1 || m.btfValueTypeId() == 0
                            || !m.info().name().contains(".rodata")) {
                        continue;
                    }
                    Optional<byte[]> value = m.lookup(new byte[4]);
                    return value.isEmpty() ? NONE : format(m.btfId(), m.btfValueTypeId(), value.get());
                }
            }
        } catch (KernelException | BtfException e) {
            return NONE;   // a map that went away, a BTF we cannot read: bpftool prints nothing either
        }
        return NONE;
    }

    private static ProgMetadata format(int btfId, int valueTypeId, byte[] value) {
        BtfSpec btf;
        try (Btf b = Btf.openById(new BtfId(btfId))) {
            btf = BtfSpec.parse(b.bytes());
        }
        if (!(btf.type(valueTypeId) instanceof BtfType.Datasec sec)) return NONE;
        BtfValueFormatter plain = new BtfValueFormatter(btf, true), json = new BtfValueFormatter(btf, false);
        List<Entry> entries = new ArrayList<>();
        for (BtfType.VarSecinfo v : sec.vars()) {
            if (!(btf.type(v.type()) instanceof BtfType.Var var)) continue;
            String name = btf.name(v.type());
            if (!name.startsWith(PREFIX)) continue;
            StringBuilder t = new StringBuilder(), j = new StringBuilder();
            boolean ok = plain.format(var.type(), value, v.offset(), BpftoolJsonWriter.compact(t));
            json.format(var.type(), value, v.offset(), BpftoolJsonWriter.compact(j));
            entries.add(new Entry(name.substring(PREFIX.length()), t.toString(), j.toString()));
            if (!ok) break;   // bpftool stops at a value its dumper cannot print
        }
        return new ProgMetadata(List.copyOf(entries));
    }
}
