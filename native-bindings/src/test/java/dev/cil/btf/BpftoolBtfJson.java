package dev.cil.btf;

import dev.cil.testing.TestJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.cil.testing.TestJson.arr;
import static dev.cil.testing.TestJson.num;
import static dev.cil.testing.TestJson.obj;

/**
 * Rebuilds a BTF object from bpftool's JSON raw dump ({@code bpftool -j btf dump id N}), keeping
 * every type id: the kernel's copy of a loaded object's BTF, read through the peer only.
 */
final class BpftoolBtfJson {
    private BpftoolBtfJson() { }

    static BtfSpec toSpec(String json) {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int expectId = 1;
        for (Object o : arr(obj(TestJson.parse(json)).get("types"))) {
            Map<String, Object> t = obj(o);
            int id = (int) num(t.get("id"));
            if (id != expectId++) throw new IllegalArgumentException("ids are not dense at " + id);
            String name = (String) t.get("name");
            int nameOff = "(anon)".equals(name) ? 0 : b.addString(name);
            BtfType type;
            switch ((String) t.get("kind")) {
                case "INT": {
                    String e = (String) t.get("encoding");
                    int enc = e.equals("SIGNED") ? 1 : e.equals("CHAR") ? 2 : e.equals("BOOL") ? 4 : 0;
                    type = new BtfType.Int(nameOff, i(t, "size"), enc, i(t, "bits_offset"), i(t, "nr_bits"));
                    break;
                }
                case "PTR": type = new BtfType.Ptr(nameOff, i(t, "type_id")); break;
                case "TYPEDEF": type = new BtfType.Typedef(nameOff, i(t, "type_id")); break;
                case "VOLATILE": type = new BtfType.Volatile(nameOff, i(t, "type_id")); break;
                case "CONST": type = new BtfType.Const(nameOff, i(t, "type_id")); break;
                case "RESTRICT": type = new BtfType.Restrict(nameOff, i(t, "type_id")); break;
                case "TYPE_TAG": type = new BtfType.TypeTag(nameOff, i(t, "type_id"), false); break;
                case "ARRAY": type = new BtfType.Array(nameOff, i(t, "type_id"), i(t, "index_type_id"), i(t, "nr_elems")); break;
                case "STRUCT": case "UNION": {
                    List<BtfType.Member> ms = new ArrayList<>();
                    boolean kflag = false;
                    for (Object mo : arr(t.get("members"))) {
                        Map<String, Object> m = obj(mo);
                        int bs = m.containsKey("bitfield_size") ? i(m, "bitfield_size") : 0;
                        kflag |= bs != 0;
                        String mn = (String) m.get("name");
                        ms.add(new BtfType.Member("(anon)".equals(mn) ? 0 : b.addString(mn), i(m, "type_id"), i(m, "bits_offset"), bs));
                    }
                    type = t.get("kind").equals("STRUCT") ? new BtfType.Struct(nameOff, i(t, "size"), kflag, ms)
                            : new BtfType.Union(nameOff, i(t, "size"), kflag, ms);
                    break;
                }
                case "ENUM": {
                    List<BtfType.EnumValue> vs = new ArrayList<>();
                    for (Object vo : arr(t.get("values"))) {
                        Map<String, Object> v = obj(vo);
                        vs.add(new BtfType.EnumValue(b.addString((String) v.get("name")), (int) num(v.get("val"))));
                    }
                    type = new BtfType.Enum(nameOff, i(t, "size"), "SIGNED".equals(t.get("encoding")), vs);
                    break;
                }
                case "ENUM64": {
                    List<BtfType.Enum64Value> vs = new ArrayList<>();
                    for (Object vo : arr(t.get("values"))) {
                        Map<String, Object> v = obj(vo);
                        vs.add(new BtfType.Enum64Value(b.addString((String) v.get("name")), num(v.get("val"))));
                    }
                    type = new BtfType.Enum64(nameOff, i(t, "size"), "SIGNED".equals(t.get("encoding")), vs);
                    break;
                }
                case "FWD": type = new BtfType.Fwd(nameOff, "union".equals(t.get("fwd_kind"))); break;
                case "FUNC": type = new BtfType.Func(nameOff, i(t, "type_id"), linkage((String) t.get("linkage"))); break;
                case "FUNC_PROTO": {
                    List<BtfType.Param> ps = new ArrayList<>();
                    for (Object po : arr(t.get("params"))) {
                        Map<String, Object> pm = obj(po);
                        String pn = (String) pm.get("name");
                        ps.add(new BtfType.Param("(anon)".equals(pn) ? 0 : b.addString(pn), i(pm, "type_id")));
                    }
                    type = new BtfType.FuncProto(nameOff, i(t, "ret_type_id"), ps);
                    break;
                }
                case "VAR": type = new BtfType.Var(nameOff, i(t, "type_id"), linkage((String) t.get("linkage"))); break;
                case "DATASEC": {
                    List<BtfType.VarSecinfo> vs = new ArrayList<>();
                    for (Object vo : arr(t.get("vars"))) {
                        Map<String, Object> v = obj(vo);
                        vs.add(new BtfType.VarSecinfo(i(v, "type_id"), i(v, "offset"), i(v, "size")));
                    }
                    type = new BtfType.Datasec(nameOff, i(t, "size"), vs);
                    break;
                }
                case "FLOAT": type = new BtfType.Float(nameOff, i(t, "size")); break;
                case "DECL_TAG": type = new BtfType.DeclTag(nameOff, i(t, "type_id"), i(t, "component_idx"), false); break;
                default: throw new IllegalArgumentException("unknown kind " + t.get("kind"));
            }
            b.add(type);
        }
        return b.build();
    }

    private static int i(Map<String, Object> m, String k) {
        return (int) num(m.get(k));
    }

    private static int linkage(String s) {
        switch (s) {
            case "static": return 0;
            case "global": return 1;
            case "extern": return 2;
            default: throw new IllegalArgumentException("linkage " + s);
        }
    }
}
