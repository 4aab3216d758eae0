package dev.cil.elf;

/**
 * A malformed or unsupported BPF object file: not ELF64 little-endian EM_BPF, truncated,
 * offsets or indexes out of range, relocations that point nowhere, or a feature this loader does
 * not support yet (externs, kconfig). The message is one line and names the file part at fault.
 */
public class ElfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ElfException(String message) {
        super(dev.cil.error.OneLine.of(message));
    }

    public ElfException(String message, Throwable cause) {
        super(dev.cil.error.OneLine.of(message), cause);
    }
}
