package dev.cil.bpf;

import dev.cil.error.KernelException;

/** A pinned path holds a BPF object of another kind than the one asked for. */
public final class WrongObjectTypeException extends KernelException {
    private static final long serialVersionUID = 1L;
    private final String actual;

    public WrongObjectTypeException(String path, String expected, String actual) {
        super("incorrect object type at " + path + ": expected " + expected + ", found " + actual, "bpf obj get (" + path + ")");
        this.actual = actual;
    }

    /** The kind found ({@code prog}, {@code map}, {@code link}, {@code unknown}). */
    public String actual() { return actual; }
}
