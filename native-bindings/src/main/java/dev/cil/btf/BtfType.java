package dev.cil.btf;

import java.util.List;

/**
 * One BTF type, exactly as encoded (kernel {@code struct btf_type} plus its trailing data). Types
 * refer to each other by id and to their names by string offset; {@link BtfSpec#name(BtfType)} and
 * {@link BtfSpec#type(int)} resolve them. Records are immutable and carry every field needed to
 * re-encode the type byte for byte ({@link BtfSpec#bytes()}).
 *
 * <p>Id 0 is {@link Void}. Kinds follow {@code include/uapi/linux/btf.h}.
 */
public sealed interface BtfType {

    /** The kind of a type, with its kernel number and bpftool's spelling. */
    enum Kind {
        VOID(0, "UNKNOWN"), INT(1, "INT"), PTR(2, "PTR"), ARRAY(3, "ARRAY"), STRUCT(4, "STRUCT"),
        UNION(5, "UNION"), ENUM(6, "ENUM"), FWD(7, "FWD"), TYPEDEF(8, "TYPEDEF"), VOLATILE(9, "VOLATILE"),
        CONST(10, "CONST"), RESTRICT(11, "RESTRICT"), FUNC(12, "FUNC"), FUNC_PROTO(13, "FUNC_PROTO"),
        VAR(14, "VAR"), DATASEC(15, "DATASEC"), FLOAT(16, "FLOAT"), DECL_TAG(17, "DECL_TAG"),
        TYPE_TAG(18, "TYPE_TAG"), ENUM64(19, "ENUM64");

        private static final Kind[] BY_VALUE = values();
        private final int value;
        private final String bpftoolName;

        Kind(int value, String bpftoolName) {
            this.value = value;
            this.bpftoolName = bpftoolName;
        }

        /** The kernel's {@code BTF_KIND_*} number. */
        public int value() { return value; }

        /** The name bpftool prints ({@code STRUCT}, {@code FUNC_PROTO}, {@code UNKNOWN} for void). */
        public String bpftoolName() { return bpftoolName; }

        /** The kind for a kernel number, or null if this library does not know it. */
        public static Kind of(int value) {
            return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
        }
    }

    Kind kind();

    /** Offset of the name in the string section; 0 for anonymous types. */
    int nameOff();

    /** A type that points at exactly one other type through {@link #type()}. */
    sealed interface Ref extends BtfType permits Ptr, Typedef, Modifier, Func, Var, DeclTag {
        int type();
    }

    /** volatile, const, restrict and type tags: qualifiers that do not change layout. */
    sealed interface Modifier extends Ref permits Volatile, Const, Restrict, TypeTag { }

    /** A struct or a union. */
    sealed interface Composite extends BtfType permits Struct, Union {
        int size();

        /** Whether members encode a bitfield size in the top 8 bits of their offset. */
        boolean kindFlag();

        List<Member> members();
    }

    /** The void type, id 0. */
    record Void() implements BtfType {
        public static final Void INSTANCE = new Void();
        public Kind kind() { return Kind.VOID; }
        public int nameOff() { return 0; }
    }

    /** An integer: size in bytes, encoding bits ({@link #SIGNED}, {@link #CHAR}, {@link #BOOL}), bit offset and width. */
    record Int(int nameOff, int size, int encoding, int bitsOffset, int bits) implements BtfType {
        public static final int SIGNED = 1;
        public static final int CHAR = 2;
        public static final int BOOL = 4;
        public Kind kind() { return Kind.INT; }
        public boolean isSigned() { return (encoding & SIGNED) != 0; }
        public boolean isChar() { return (encoding & CHAR) != 0; }
        public boolean isBool() { return (encoding & BOOL) != 0; }
    }

    record Ptr(int nameOff, int type) implements Ref {
        public Kind kind() { return Kind.PTR; }
    }

    record Array(int nameOff, int type, int indexType, int nelems) implements BtfType {
        public Kind kind() { return Kind.ARRAY; }
        /** The element count as an unsigned value. */
        public long count() { return Integer.toUnsignedLong(nelems); }
    }

    /** A struct or union member. Without the kind flag {@code bitfieldSize} is 0 and {@code bitsOffset} is the raw offset. */
    record Member(int nameOff, int type, int bitsOffset, int bitfieldSize) { }

    record Struct(int nameOff, int size, boolean kindFlag, List<Member> members) implements Composite {
        public Struct { members = List.copyOf(members); }
        public Kind kind() { return Kind.STRUCT; }
    }

    record Union(int nameOff, int size, boolean kindFlag, List<Member> members) implements Composite {
        public Union { members = List.copyOf(members); }
        public Kind kind() { return Kind.UNION; }
    }

    /** An enumerator of a 32-bit enum; {@code value} holds the raw 32 bits. */
    record EnumValue(int nameOff, int value) { }

    /** A (32-bit valued) enum; {@code signed} is the kind flag. */
    record Enum(int nameOff, int size, boolean signed, List<EnumValue> values) implements BtfType {
        public Enum { values = List.copyOf(values); }
        public Kind kind() { return Kind.ENUM; }
    }

    /** A forward declaration of a struct, or of a union when {@code union} (the kind flag) is set. */
    record Fwd(int nameOff, boolean union) implements BtfType {
        public Kind kind() { return Kind.FWD; }
    }

    record Typedef(int nameOff, int type) implements Ref {
        public Kind kind() { return Kind.TYPEDEF; }
    }

    record Volatile(int nameOff, int type) implements Modifier {
        public Kind kind() { return Kind.VOLATILE; }
    }

    record Const(int nameOff, int type) implements Modifier {
        public Kind kind() { return Kind.CONST; }
    }

    record Restrict(int nameOff, int type) implements Modifier {
        public Kind kind() { return Kind.RESTRICT; }
    }

    /** A function: {@code type} is its {@link FuncProto}; linkage 0 static, 1 global, 2 extern. */
    record Func(int nameOff, int type, int linkage) implements Ref {
        public static final int STATIC = 0;
        public static final int GLOBAL = 1;
        public static final int EXTERN = 2;
        public Kind kind() { return Kind.FUNC; }
    }

    /** A parameter; a trailing parameter of type 0 marks varargs. */
    record Param(int nameOff, int type) { }

    record FuncProto(int nameOff, int returnType, List<Param> params) implements BtfType {
        public FuncProto { params = List.copyOf(params); }
        public Kind kind() { return Kind.FUNC_PROTO; }
    }

    /** A variable; linkage 0 static, 1 global (allocated), 2 extern. */
    record Var(int nameOff, int type, int linkage) implements Ref {
        public static final int STATIC = 0;
        public static final int GLOBAL = 1;
        public static final int EXTERN = 2;
        public Kind kind() { return Kind.VAR; }
    }

    /** A variable placed in a data section. */
    record VarSecinfo(int type, int offset, int size) { }

    record Datasec(int nameOff, int size, List<VarSecinfo> vars) implements BtfType {
        public Datasec { vars = List.copyOf(vars); }
        public Kind kind() { return Kind.DATASEC; }
    }

    record Float(int nameOff, int size) implements BtfType {
        public Kind kind() { return Kind.FLOAT; }
    }

    /** A declaration tag on {@code type}; {@code componentIdx} -1 tags the type itself, else a member or parameter. */
    record DeclTag(int nameOff, int type, int componentIdx, boolean kindFlag) implements Ref {
        public Kind kind() { return Kind.DECL_TAG; }
    }

    record TypeTag(int nameOff, int type, boolean kindFlag) implements Modifier {
        public Kind kind() { return Kind.TYPE_TAG; }
    }

    /** An enumerator of a 64-bit enum. */
    record Enum64Value(int nameOff, long value) { }

    record Enum64(int nameOff, int size, boolean signed, List<Enum64Value> values) implements BtfType {
        public Enum64 { values = List.copyOf(values); }
        public Kind kind() { return Kind.ENUM64; }
    }
}
