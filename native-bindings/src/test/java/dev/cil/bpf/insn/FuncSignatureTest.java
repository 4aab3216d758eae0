package dev.cil.bpf.insn;

import dev.cil.btf.BtfSpec;
import dev.cil.btf.BtfType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** bpftool's one-line declarations of BTF functions (the headers of {@code prog dump xlated}). */
class FuncSignatureTest {
    final BtfSpec.Builder b = BtfSpec.builder(null);
    final int intT = b.add(new BtfType.Int(b.addString("int"), 4, BtfType.Int.SIGNED, 0, 32));
    final int u32 = b.add(new BtfType.Typedef(b.addString("__u32"), intT));
    final int skb = b.add(new BtfType.Struct(b.addString("__sk_buff"), 4, false, List.of()));
    final int skbPtr = b.add(new BtfType.Ptr(0, skb));
    final int charT = b.add(new BtfType.Int(b.addString("char"), 1, BtfType.Int.CHAR, 0, 8));
    final int constChar = b.add(new BtfType.Const(0, charT));
    final int constCharPtr = b.add(new BtfType.Ptr(0, constChar));
    final int arr = b.add(new BtfType.Array(0, intT, intT, 4));
    final int e = b.add(new BtfType.Enum(b.addString("verdict"), 4, false, List.of()));
    final int u = b.add(new BtfType.Union(b.addString("addr"), 4, false, List.of()));
    final int fwd = b.add(new BtfType.Fwd(b.addString("later"), true));
    final int vol = b.add(new BtfType.Volatile(0, u32));
    final int tag = b.add(new BtfType.TypeTag(b.addString("user"), intT, false));
    final int tagPtr = b.add(new BtfType.Ptr(0, tag));

    int func(String name, int ret, BtfType.Param... params) {
        int proto = b.add(new BtfType.FuncProto(0, ret, List.of(params)));
        return b.add(new BtfType.Func(b.addString(name), proto, BtfType.Func.GLOBAL));
    }

    BtfType.Param param(String name, int type) { return new BtfType.Param(name == null ? 0 : b.addString(name), type); }

    @Test
    void programFunction() {
        int f = func("fx_a_very_long_tc_program_name", intT, param("skb", skbPtr));
        assertEquals("int fx_a_very_long_tc_program_name(struct __sk_buff * skb)", FuncSignature.of(b.build(), f));
    }

    @Test
    void everyKindBpftoolSpells() {
        int f = func("f", u32, param("a", constCharPtr), param("b", arr), param("c", e), param("d", u), param("e", fwd),
                param("f", vol), param(null, intT), param(null, 0));
        assertEquals("__u32 f(const char * a, int [4]b, enum verdict c, union addr d, union later e, volatile __u32 f, int, ...)",
                FuncSignature.of(b.build(), f));
    }

    @Test
    void voidAndNoParameters() {
        int f = func("g", 0);
        int ptrToProto = b.add(new BtfType.Ptr(0, b.add(new BtfType.FuncProto(0, intT, List.of(new BtfType.Param(0, intT))))));
        int h = func("h", 0, param("cb", ptrToProto));
        BtfSpec btf = b.build();
        assertEquals("void g()", FuncSignature.of(btf, f));
        assertEquals("void h(int (int)* cb)", FuncSignature.of(btf, h));
    }

    @Test
    void whatBpftoolGivesUpOn() {
        int f = func("tagged", intT, param("p", tagPtr));
        BtfSpec btf = b.build();
        assertEquals("", FuncSignature.of(btf, f), "type tags are not spelled: no header at all");
        assertEquals("", FuncSignature.of(btf, 9999), "an id outside the BTF");
        assertEquals("", FuncSignature.of(null, f));
    }

    @Test
    void aDeclarationOf1024CharactersOrMoreIsDropped() {
        String name = "x".repeat(FuncSignature.LIMIT - "int (struct __sk_buff * skb)".length() - 1);
        int fits = func(name, intT, param("skb", skbPtr));
        int tooLong = func(name + "y", intT, param("skb", skbPtr));
        BtfSpec btf = b.build();
        assertEquals(FuncSignature.LIMIT - 1, FuncSignature.of(btf, fits).length());
        assertEquals("", FuncSignature.of(btf, tooLong));
    }
}
