package dev.cil.btf;

/**
 * A streaming JSON event sink. BTF dumps and map value formatting emit through it, so this library
 * needs no JSON library: the CLI implements it over its JSON encoder, and
 * {@link BpftoolJsonWriter} implements it with bpftool's exact text layout.
 *
 * <p>Calls arrive in document order: inside an object, every value is preceded by {@link #name}.
 */
public interface BtfJsonSink {
    void beginObject();

    void endObject();

    void beginArray();

    void endArray();

    /** The name of the next member of the current object. */
    void name(String name);

    void string(String value);

    /** A signed 64-bit integer. */
    void number(long value);

    /** An unsigned 64-bit integer (printed as such: -1 is 18446744073709551615). */
    void unsignedNumber(long value);

    void bool(boolean value);

    /**
     * A pre-formatted value token to be written verbatim (a quoted string such as
     * {@code "0x1f"} or <code>"&#92;u0007"</code>, or, in bpftool's plain-text map dumps, a bare token
     * such as {@code 0x7f00aa} that is not valid JSON). Sinks that cannot write raw text should
     * parse the token.
     */
    void raw(String token);
}
