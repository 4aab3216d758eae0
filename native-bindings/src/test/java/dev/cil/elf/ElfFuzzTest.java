package dev.cil.elf;

import dev.cil.btf.BpftoolJsonWriter;
import dev.cil.btf.BtfException;
import dev.cil.btf.BtfRawDump;
import dev.cil.btf.TestTools;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random corruption of every fixture: each mutated object must either parse or be rejected
 * with ElfException/BtfException (one line); any other throwable, a hang or an OOM fails.
 */
class ElfFuzzTest {
    private static final int ROUNDS_PER_FIXTURE = 2000;

    private record Target(byte[] file, List<int[]> regions) { }   // regions: {offset, length} of headers, symbols, relocations

    private static Target target(Path obj) throws Exception {
        byte[] b = Files.readAllBytes(obj);
        ElfReader elf = ElfReader.parse(b);
        List<int[]> regions = new ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = bb.getLong(40);
        regions.add(new int[] {(int) shoff, elf.sections().size() * 64});
        for (ElfReader.Section s : elf.sections()) {
            if (s.type() == ElfReader.SHT_SYMTAB || s.type() == ElfReader.SHT_REL || s.name().equals(".BTF") || s.name().equals(".BTF.ext")
                    || s.name().equals(".maps") || s.name().equals("maps"))
                regions.add(new int[] {(int) s.offset(), (int) s.size()});
        }
        return new Target(b, regions);
    }

    private static byte[] mutate(Target t, Random rnd) {
        byte[] b = t.file().clone();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (rnd.nextInt(7)) {
            case 0: // random bit flips anywhere
                for (int k = 1 + rnd.nextInt(8); k > 0; k--) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                return b;
            case 1: // truncation
                return Arrays.copyOf(b, rnd.nextInt(b.length));
            case 2: { // ELF header fields: e_shoff, e_shentsize, e_shnum, e_shstrndx, e_type, e_machine
                int[] fields = {40, 58, 60, 62, 16, 18};
                int f = fields[rnd.nextInt(fields.length)];
                if (f == 40) bb.putLong(40, rnd.nextBoolean() ? rnd.nextLong() : rnd.nextInt(b.length + 64));
                else bb.putShort(f, (short) (rnd.nextBoolean() ? rnd.nextInt(0x10000) : rnd.nextInt(40)));
                return b;
            }
            default: { // a field of a section header, symbol, relocation or BTF blob: small or wild values
                int[] r = t.regions().get(rnd.nextInt(t.regions().size()));
                if (r[1] < 8) return b;
                int p = r[0] + 4 * rnd.nextInt(r[1] / 4 - 1);
                int v;
                switch (rnd.nextInt(4)) {
                    case 0: v = rnd.nextInt(); break;
                    case 1: v = rnd.nextInt(64); break;
                    case 2: v = bb.getInt(p) + rnd.nextInt(17) - 8; break;
                    default: v = -1 - rnd.nextInt(4);
                }
                bb.putInt(p, v);
                return b;
            }
        }
    }

    @Test
    void corruptedObjectsFailCleanly() throws Exception {
        long t0 = System.nanoTime();
        int parsed = 0, rejected = 0;
        List<String> failures = new ArrayList<>();
        for (Path obj : TestTools.fixtures()) {
            Target t = target(obj);
            Random rnd = new Random(obj.getFileName().toString().hashCode());
            for (int round = 0; round < ROUNDS_PER_FIXTURE; round++) {
                byte[] m = mutate(t, rnd);
                try {
                    CollectionSpec spec = CollectionSpec.parse(m, "fuzz");
                    spec.btf().ifPresent(btf -> BtfRawDump.json(btf, BpftoolJsonWriter.compact(new StringBuilder())));
                    for (ProgramSpec p : spec.programs().values()) p.instructionBytes();
                    parsed++;
                } catch (ElfException | BtfException e) {
                    if (e.getMessage() == null || e.getMessage().lines().count() != 1) failures.add(obj.getFileName() + " round " + round + ": message " + e.getMessage());
                    rejected++;
                } catch (Throwable e) {
                    failures.add(obj.getFileName() + " round " + round + ": " + e);
                    if (failures.size() > 20) break;
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("ELF fuzz: %d parsed, %d rejected in %d ms%n", parsed, rejected, ms);
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.subList(0, Math.min(10, failures.size())));
        assertTrue(parsed > 500 && rejected > 500, "parsed " + parsed + ", rejected " + rejected);
        assertTrue(ms < 60_000, "took " + ms + " ms");
    }
}
