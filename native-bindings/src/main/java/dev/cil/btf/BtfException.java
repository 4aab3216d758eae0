package dev.cil.btf;

/**
 * Malformed or unsupported BTF: a bad header, an offset outside the blob, a truncated section, a
 * type id out of range, a cyclic type chain, an unsupported kind. The message is one line and
 * names what was wrong and where (a type id or a byte offset).
 */
public class BtfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BtfException(String message) {
        super(dev.cil.error.OneLine.of(message));
    }

    public BtfException(String message, Throwable cause) {
        super(dev.cil.error.OneLine.of(message), cause);
    }
}
