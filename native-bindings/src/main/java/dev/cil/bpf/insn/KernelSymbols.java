package dev.cil.bpf.insn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The kernel's symbol table ({@code /proc/kallsyms}), looked up by exact address as bpftool does for
 * {@code prog dump xlated}: the file is read in 255-byte pieces (bpftool's line buffer), entries at
 * address 0 are left out, and when {@code __bpf_call_base} itself reads as 0 (addresses hidden by
 * {@code kernel.kptr_restrict}) the table is dropped. Several symbols at one address (aliases such as
 * {@code _text} and {@code _stext}) resolve to the one a binary search over the address-sorted table
 * meets first, as glibc's stable sort and {@code bsearch} pick it.
 */
public final class KernelSymbols {
    /** The path bpftool reads. */
    public static final Path KALLSYMS = Path.of("/proc/kallsyms");

    private static final int LINE_BUFFER = 256;   // bpftool's fgets buffer: at most 255 bytes per read
    private static final String CALL_BASE = "__bpf_call_base";

    private final byte[] text;
    private final long[] addr;
    private final int[] nameStart;
    private final int[] nameEnd;
    private final int count;
    private final long callBase;
    private final Map<Long, String> cache = new HashMap<>();

    private KernelSymbols(byte[] text, long[] addr, int[] nameStart, int[] nameEnd, int count, long callBase) {
        this.text = text;
        this.addr = addr;
        this.nameStart = nameStart;
        this.nameEnd = nameEnd;
        this.count = count;
        this.callBase = callBase;
    }

    /** An empty table: every lookup misses, the call base is 0 (what bpftool has without kallsyms). */
    public static KernelSymbols empty() { return new KernelSymbols(new byte[0], new long[0], new int[0], new int[0], 0, 0); }

    /** Reads {@code /proc/kallsyms}; an unreadable file gives the {@link #empty()} table, as for bpftool. */
    public static KernelSymbols read() { return read(KALLSYMS); }

    /** Reads a kallsyms-format file; an unreadable file gives the {@link #empty()} table. */
    public static KernelSymbols read(Path file) {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readAllBytes();
        } catch (IOException | SecurityException e) {
            return empty();
        }
        return parse(b);
    }

    /** Parses kallsyms text ({@code ADDRESS TYPE NAME [MODULE]} per line). */
    public static KernelSymbols parse(byte[] text) {
        int cap = Math.max(16, text.length / 32);
        long[] addr = new long[cap];
        int[] ns = new int[cap], ne = new int[cap];
        int n = 0;
        long callBase = 0;
        int pos = 0;
        while (pos < text.length) {
            int end = pos;
            while (end < text.length && end - pos < LINE_BUFFER - 1 && text[end] != '\n') end++;
            if (end < text.length && text[end] == '\n' && end - pos < LINE_BUFFER - 1) end++;
            long[] parsed = scan(text, pos, end);
            pos = end;
            if (parsed == null) continue;
            long a = parsed[0];
            int s = (int) parsed[1], e = (int) parsed[2];
            if (e - s == CALL_BASE.length() && CALL_BASE.equals(new String(text, s, e - s, StandardCharsets.ISO_8859_1))) {
                callBase = a;
                if (a == 0) return empty();
            }
            if (a == 0) continue;
            if (n == addr.length) {
                addr = Arrays.copyOf(addr, n * 2);
                ns = Arrays.copyOf(ns, n * 2);
                ne = Arrays.copyOf(ne, n * 2);
            }
            addr[n] = a;
            ns[n] = s;
            ne[n] = e;
            n++;
        }
        return new KernelSymbols(text, addr, ns, ne, n, callBase);
    }

    /**
     * Scans one piece as {@code sscanf("%p %*c %s")}: a hex address, one non-blank character, a name.
     * Returns {address, nameStart, nameEnd} or null when fewer than the address and the name match.
     */
    private static long[] scan(byte[] t, int p, int end) {
        while (p < end && isSpace(t[p])) p++;
        if (p + 1 < end && t[p] == '0' && (t[p + 1] == 'x' || t[p + 1] == 'X') && p + 2 < end && hexDigit(t[p + 2]) >= 0) p += 2;
        int start = p;
        long a = 0;
        boolean overflow = false;
        while (p < end && hexDigit(t[p]) >= 0) {
            if ((a >>> 60) != 0) overflow = true;
            a = a << 4 | hexDigit(t[p]);
            p++;
        }
        if (p == start) return null;
        if (overflow) a = -1L;                     // strtoul saturates
        while (p < end && isSpace(t[p])) p++;
        if (p >= end) return null;
        p++;                                       // %*c: the symbol type
        while (p < end && isSpace(t[p])) p++;
        int s = p;
        while (p < end && !isSpace(t[p])) p++;
        if (p == s) return null;
        return new long[] {a, s, p};
    }

    private static boolean isSpace(byte c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c; }

    private static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** The address of {@code __bpf_call_base}, from which helper call immediates count; 0 if unknown. */
    public long callBase() { return callBase; }

    /** The number of symbols kept (those with a non-zero address). */
    public int size() { return count; }

    /** The symbol at exactly {@code address}, or null. */
    public String lookup(long address) {
        if (count == 0) return null;
        return cache.computeIfAbsent(address, this::search);
    }

    private String search(long address) {
        // Position of the address in the table sorted by address (stable: aliases keep file order),
        // then glibc's bsearch over that many entries.
        int below = 0, equal = 0;
        int[] equals = new int[4];
        for (int i = 0; i < count; i++) {
            int c = Long.compareUnsigned(addr[i], address);
            if (c < 0) {
                below++;
            } else if (c == 0) {
                if (equal == equals.length) equals = Arrays.copyOf(equals, equal * 2);
                equals[equal++] = i;
            }
        }
        if (equal == 0) return null;
        int lo = 0, hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (mid < below) {
                lo = mid + 1;
            } else if (mid >= below + equal) {
                hi = mid;
            } else {
                int i = equals[mid - below];
                return new String(text, nameStart[i], nameEnd[i] - nameStart[i], StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
