package dev.cil.btf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * bpftool's raw BTF dump ({@code bpftool btf dump … format raw}), as text and as JSON events,
 * line for line and key for key the same as bpftool v7.1 ({@code dump_btf_type} in
 * {@code src/btf.c}):
 * <pre>
 * [8] TYPEDEF '__u32' type_id=9
 * [11] STRUCT 'fp_stats' size=16 vlen=2
 * 	'packets' type_id=12 bits_offset=0
 * [15] VAR 'fp_stats_map' type_id=14, linkage=global
 * </pre>
 * Without root ids every type the spec itself defines is dumped (for split BTF, only the ids above
 * the base). bpftool's JSON quirk is kept: the value of an unsigned 32-bit enum is sign-extended
 * to 64 bits before it is printed as unsigned ({@code -1} shows as 18446744073709551615 in JSON
 * and 4294967295 in text).
 */
public final class BtfRawDump {
    private BtfRawDump() { }

    /** Writes the text dump of every own type of {@code spec}. */
    public static void text(BtfSpec spec, Appendable out) {
        StringBuilder sb = new StringBuilder(1 << 16);
        for (int id = spec.firstTypeId(), n = spec.typeCount(); id < n; id++) {
            line(spec, id, sb);
            if (sb.length() > (1 << 16) - 512) flush(sb, out);
        }
        flush(sb, out);
    }

    /** Writes the text dump of the given type ids (bpftool's root type ids), in order. */
    public static void text(BtfSpec spec, int[] ids, Appendable out) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) line(spec, id, sb);
        flush(sb, out);
    }

    /** The text dump of every own type as one string. */
    public static String text(BtfSpec spec) {
        StringBuilder sb = new StringBuilder();
        text(spec, sb);
        return sb.toString();
    }

    private static void flush(StringBuilder sb, Appendable out) {
        if (out == sb) return;
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sb.setLength(0);
    }

    private static String q(BtfSpec spec, int nameOff) {
        return nameOff == 0 ? "(anon)" : spec.string(nameOff);
    }

    private static String intEncoding(int enc) {
        switch (enc) {
            case 0: return "(none)";
            case BtfType.Int.SIGNED: return "SIGNED";
            case BtfType.Int.CHAR: return "CHAR";
            case BtfType.Int.BOOL: return "BOOL";
            default: return "UNKN";
        }
    }

    private static String linkage(int linkage) {
        switch (linkage) {
            case 0: return "static";
            case 1: return "global";
            case 2: return "extern";
            default: return "(unknown)";
        }
    }

    private static String u(int v) {
        return Integer.toUnsignedString(v);
    }

    /** Appends one type's text lines (ending with a newline). */
    public static void line(BtfSpec spec, int id, StringBuilder sb) {
        BtfType t = spec.type(id);
        sb.append('[').append(u(id)).append("] ").append(t.kind().bpftoolName()).append(" '").append(q(spec, t.nameOff())).append('\'');
        switch (t.kind()) {
            case INT: {
                BtfType.Int i = (BtfType.Int) t;
                sb.append(" size=").append(i.size()).append(" bits_offset=").append(i.bitsOffset())
                        .append(" nr_bits=").append(i.bits()).append(" encoding=").append(intEncoding(i.encoding()));
                break;
            }
            case PTR: case CONST: case VOLATILE: case RESTRICT: case TYPEDEF: case TYPE_TAG:
                sb.append(" type_id=").append(u(((BtfType.Ref) t).type()));
                break;
            case ARRAY: {
                BtfType.Array a = (BtfType.Array) t;
                sb.append(" type_id=").append(u(a.type())).append(" index_type_id=").append(u(a.indexType()))
                        .append(" nr_elems=").append(u(a.nelems()));
                break;
            }
            case STRUCT: case UNION: {
                BtfType.Composite c = (BtfType.Composite) t;
                List<BtfType.Member> ms = c.members();
                sb.append(" size=").append(u(c.size())).append(" vlen=").append(ms.size());
                for (BtfType.Member m : ms) {
                    sb.append("\n\t'").append(q(spec, m.nameOff())).append("' type_id=").append(u(m.type()))
                            .append(" bits_offset=").append(u(m.bitsOffset()));
                    if (m.bitfieldSize() != 0) sb.append(" bitfield_size=").append(m.bitfieldSize());
                }
                break;
            }
            case ENUM: {
                BtfType.Enum e = (BtfType.Enum) t;
                sb.append(" encoding=").append(e.signed() ? "SIGNED" : "UNSIGNED").append(" size=").append(e.size())
                        .append(" vlen=").append(e.values().size());
                for (BtfType.EnumValue v : e.values())
                    sb.append("\n\t'").append(q(spec, v.nameOff())).append("' val=").append(e.signed() ? Integer.toString(v.value()) : u(v.value()));
                break;
            }
            case ENUM64: {
                BtfType.Enum64 e = (BtfType.Enum64) t;
                sb.append(" encoding=").append(e.signed() ? "SIGNED" : "UNSIGNED").append(" size=").append(e.size())
                        .append(" vlen=").append(e.values().size());
                for (BtfType.Enum64Value v : e.values())
                    sb.append("\n\t'").append(q(spec, v.nameOff())).append("' val=")
                            .append(e.signed() ? Long.toString(v.value()) + "LL" : Long.toUnsignedString(v.value()) + "ULL");
                break;
            }
            case FWD:
                sb.append(" fwd_kind=").append(((BtfType.Fwd) t).union() ? "union" : "struct");
                break;
            case FUNC: {
                BtfType.Func f = (BtfType.Func) t;
                sb.append(" type_id=").append(u(f.type())).append(" linkage=").append(linkage(f.linkage()));
                break;
            }
            case FUNC_PROTO: {
                BtfType.FuncProto fp = (BtfType.FuncProto) t;
                sb.append(" ret_type_id=").append(u(fp.returnType())).append(" vlen=").append(fp.params().size());
                for (BtfType.Param p : fp.params())
                    sb.append("\n\t'").append(q(spec, p.nameOff())).append("' type_id=").append(u(p.type()));
                break;
            }
            case VAR: {
                BtfType.Var v = (BtfType.Var) t;
                sb.append(" type_id=").append(u(v.type())).append(", linkage=").append(linkage(v.linkage()));
                break;
            }
            case DATASEC: {
                BtfType.Datasec d = (BtfType.Datasec) t;
                sb.append(" size=").append(u(d.size())).append(" vlen=").append(d.vars().size());
                for (BtfType.VarSecinfo v : d.vars()) {
                    sb.append("\n\ttype_id=").append(u(v.type())).append(" offset=").append(u(v.offset())).append(" size=").append(u(v.size()));
                    BtfType vt = spec.type(v.type());
                    sb.append(" (").append(vt.kind().bpftoolName()).append(" '").append(q(spec, vt.nameOff())).append("')");
                }
                break;
            }
            case FLOAT:
                sb.append(" size=").append(((BtfType.Float) t).size());
                break;
            case DECL_TAG: {
                BtfType.DeclTag d = (BtfType.DeclTag) t;
                sb.append(" type_id=").append(u(d.type())).append(" component_idx=").append(d.componentIdx());
                break;
            }
            default:
                break;
        }
        sb.append('\n');
    }

    /** Emits {@code {"types":[…]}} for every own type, as {@code bpftool -j btf dump}. */
    public static void json(BtfSpec spec, BtfJsonSink w) {
        w.beginObject();
        w.name("types");
        w.beginArray();
        for (int id = spec.firstTypeId(), n = spec.typeCount(); id < n; id++) json(spec, id, w);
        w.endArray();
        w.endObject();
    }

    /** Emits {@code {"types":[…]}} for the given root type ids. */
    public static void json(BtfSpec spec, int[] ids, BtfJsonSink w) {
        w.beginObject();
        w.name("types");
        w.beginArray();
        for (int id : ids) json(spec, id, w);
        w.endArray();
        w.endObject();
    }

    private static void field(BtfJsonSink w, String name, long unsignedValue) {
        w.name(name);
        w.unsignedNumber(unsignedValue);
    }

    private static void field(BtfJsonSink w, String name, String value) {
        w.name(name);
        w.string(value);
    }

    /** Emits one type's JSON object. */
    public static void json(BtfSpec spec, int id, BtfJsonSink w) {
        BtfType t = spec.type(id);
        w.beginObject();
        field(w, "id", Integer.toUnsignedLong(id));
        field(w, "kind", t.kind().bpftoolName());
        field(w, "name", q(spec, t.nameOff()));
        switch (t.kind()) {
            case INT: {
                BtfType.Int i = (BtfType.Int) t;
                field(w, "size", i.size());
                field(w, "bits_offset", i.bitsOffset());
                field(w, "nr_bits", i.bits());
                field(w, "encoding", intEncoding(i.encoding()));
                break;
            }
            case PTR: case CONST: case VOLATILE: case RESTRICT: case TYPEDEF: case TYPE_TAG:
                field(w, "type_id", Integer.toUnsignedLong(((BtfType.Ref) t).type()));
                break;
            case ARRAY: {
                BtfType.Array a = (BtfType.Array) t;
                field(w, "type_id", Integer.toUnsignedLong(a.type()));
                field(w, "index_type_id", Integer.toUnsignedLong(a.indexType()));
                field(w, "nr_elems", a.count());
                break;
            }
            case STRUCT: case UNION: {
                BtfType.Composite c = (BtfType.Composite) t;
                field(w, "size", Integer.toUnsignedLong(c.size()));
                field(w, "vlen", c.members().size());
                w.name("members");
                w.beginArray();
                for (BtfType.Member m : c.members()) {
                    w.beginObject();
                    field(w, "name", q(spec, m.nameOff()));
                    field(w, "type_id", Integer.toUnsignedLong(m.type()));
                    field(w, "bits_offset", Integer.toUnsignedLong(m.bitsOffset()));
                    if (m.bitfieldSize() != 0) field(w, "bitfield_size", m.bitfieldSize());
                    w.endObject();
                }
                w.endArray();
                break;
            }
            case ENUM: {
                BtfType.Enum e = (BtfType.Enum) t;
                field(w, "encoding", e.signed() ? "SIGNED" : "UNSIGNED");
                field(w, "size", e.size());
                field(w, "vlen", e.values().size());
                w.name("values");
                w.beginArray();
                for (BtfType.EnumValue v : e.values()) {
                    w.beginObject();
                    field(w, "name", q(spec, v.nameOff()));
                    w.name("val");
                    if (e.signed()) w.number(v.value());
                    else w.unsignedNumber(v.value());   // sign-extended, as bpftool does
                    w.endObject();
                }
                w.endArray();
                break;
            }
            case ENUM64: {
                BtfType.Enum64 e = (BtfType.Enum64) t;
                field(w, "encoding", e.signed() ? "SIGNED" : "UNSIGNED");
                field(w, "size", e.size());
                field(w, "vlen", e.values().size());
                w.name("values");
                w.beginArray();
                for (BtfType.Enum64Value v : e.values()) {
                    w.beginObject();
                    field(w, "name", q(spec, v.nameOff()));
                    w.name("val");
                    if (e.signed()) w.number(v.value());
                    else w.unsignedNumber(v.value());
                    w.endObject();
                }
                w.endArray();
                break;
            }
            case FWD:
                field(w, "fwd_kind", ((BtfType.Fwd) t).union() ? "union" : "struct");
                break;
            case FUNC: {
                BtfType.Func f = (BtfType.Func) t;
                field(w, "type_id", Integer.toUnsignedLong(f.type()));
                field(w, "linkage", linkage(f.linkage()));
                break;
            }
            case FUNC_PROTO: {
                BtfType.FuncProto fp = (BtfType.FuncProto) t;
                field(w, "ret_type_id", Integer.toUnsignedLong(fp.returnType()));
                field(w, "vlen", fp.params().size());
                w.name("params");
                w.beginArray();
                for (BtfType.Param p : fp.params()) {
                    w.beginObject();
                    field(w, "name", q(spec, p.nameOff()));
                    field(w, "type_id", Integer.toUnsignedLong(p.type()));
                    w.endObject();
                }
                w.endArray();
                break;
            }
            case VAR: {
                BtfType.Var v = (BtfType.Var) t;
                field(w, "type_id", Integer.toUnsignedLong(v.type()));
                field(w, "linkage", linkage(v.linkage()));
                break;
            }
            case DATASEC: {
                BtfType.Datasec d = (BtfType.Datasec) t;
                field(w, "size", Integer.toUnsignedLong(d.size()));
                field(w, "vlen", d.vars().size());
                w.name("vars");
                w.beginArray();
                for (BtfType.VarSecinfo v : d.vars()) {
                    w.beginObject();
                    field(w, "type_id", Integer.toUnsignedLong(v.type()));
                    field(w, "offset", Integer.toUnsignedLong(v.offset()));
                    field(w, "size", Integer.toUnsignedLong(v.size()));
                    w.endObject();
                }
                w.endArray();
                break;
            }
            case FLOAT:
                field(w, "size", ((BtfType.Float) t).size());
                break;
            case DECL_TAG: {
                BtfType.DeclTag d = (BtfType.DeclTag) t;
                field(w, "type_id", Integer.toUnsignedLong(d.type()));
                w.name("component_idx");
                w.number(d.componentIdx());
                break;
            }
            default:
                break;
        }
        w.endObject();
    }
}
