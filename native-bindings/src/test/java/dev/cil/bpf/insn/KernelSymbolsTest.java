package dev.cil.bpf.insn;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** kallsyms lookups with bpftool's semantics: exact addresses, aliases, hidden addresses, line pieces. */
class KernelSymbolsTest {
    static KernelSymbols parse(String s) { return KernelSymbols.parse(s.getBytes(StandardCharsets.US_ASCII)); }

    @Test
    void exactAddressesOnly() {
        KernelSymbols k = parse("ffffffff814cc810 T __bpf_call_base\n"
                + "ffffffff81550000 t __htab_map_lookup_elem\n"
                + "ffffffffa0001000 t bpf_prog_6ba8972f42fecc50_xl_mix\t[bpf]\n");
        assertEquals(0xffffffff814cc810L, k.callBase());
        assertEquals(3, k.size());
        assertEquals("__htab_map_lookup_elem", k.lookup(0xffffffff81550000L));
        assertEquals("bpf_prog_6ba8972f42fecc50_xl_mix", k.lookup(0xffffffffa0001000L), "the module name is not part of it");
        assertNull(k.lookup(0xffffffff81550001L));
        assertNull(k.lookup(0));
    }

    @Test
    void hiddenAddressesDropTheTable() {
        KernelSymbols k = parse("0000000000000000 T _text\n0000000000000000 T __bpf_call_base\nffffffff81000000 T x\n");
        assertEquals(0, k.size());
        assertEquals(0, k.callBase());
        assertNull(k.lookup(0xffffffff81000000L));
        KernelSymbols percpu = parse("0000000000000000 A fixed_percpu_data\nffffffff81000000 T _text\n");
        assertNull(percpu.lookup(0), "address 0 is never a symbol");
        assertEquals("_text", percpu.lookup(0xffffffff81000000L));
    }

    @Test
    void malformedLinesAreSkipped() {
        KernelSymbols k = parse("\n  \nzzzz T bad\nffffffff81000000 T\nffffffff81000010\nffffffff81000020 T good\n");
        assertEquals(1, k.size());
        assertEquals("good", k.lookup(0xffffffff81000020L));
        assertEquals(0, KernelSymbols.parse(new byte[0]).size());
        assertEquals(0, KernelSymbols.read(java.nio.file.Path.of("/nonexistent/kallsyms")).size());
    }

    @Test
    void longLinesAreReadIn255BytePieces() {
        // bpftool reads with a 256-byte buffer: the rest of a long line is parsed as a line of its own
        String longName = "a".repeat(300);
        KernelSymbols k = parse("ffffffff81000000 T " + longName + "\nffffffff81000040 T next\n");
        assertEquals("a".repeat(255 - "ffffffff81000000 T ".length()), k.lookup(0xffffffff81000000L));
        assertEquals("next", k.lookup(0xffffffff81000040L));
    }

    /** An independent model: sort (stable) by address, then glibc's bsearch over the sorted table. */
    static String model(List<long[]> entries, List<String> names, long address) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) order.add(i);
        order.sort((a, b) -> Long.compareUnsigned(entries.get(a)[0], entries.get(b)[0]));
        int lo = 0, hi = order.size();
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            int c = Long.compareUnsigned(address, entries.get(order.get(mid))[0]);
            if (c < 0) hi = mid;
            else if (c > 0) lo = mid + 1;
            else return names.get(order.get(mid));
        }
        return null;
    }

    @Test
    void aliasesResolveAsGlibcBsearchFindsThem() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<long[]> entries = new ArrayList<>();
            List<String> names = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int n = 1 + r.nextInt(60);
            for (int i = 0; i < n; i++) {
                long a = 0xffffffff81000000L + 16L * r.nextInt(12);     // few addresses: many aliases
                entries.add(new long[] {a});
                names.add("s" + i);
                text.append(Long.toHexString(a)).append(" t s").append(i).append('\n');
            }
            KernelSymbols k = parse(text.toString());
            for (int j = 0; j < 13; j++) {
                long a = 0xffffffff81000000L + 16L * j;
                assertEquals(model(entries, names, a), k.lookup(a), "round " + round + " address " + Long.toHexString(a));
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(11);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[r.nextInt(600)];
            r.nextBytes(b);
            for (int j = 0; j < b.length; j += 1 + r.nextInt(40)) b[j] = '\n';
            KernelSymbols k = KernelSymbols.parse(b);
            k.lookup(r.nextLong());
        }
    }
}
