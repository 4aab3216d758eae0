package dev.cil.cli.command.map;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** bpftool's raw entry formats, golden. */
class EntryWriterTest {
    static ByteBuffer seq(int n, int start) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) b.put(i, (byte) (start + i));
        return b;
    }

    static String plain(int k, int v, boolean perCpu, int cpus) {
        StringWriter s = new StringWriter();
        EntryWriter w = new EntryWriter(s, k, v, perCpu, cpus, false);
        w.plain(seq(k, 1), 0, seq(perCpu ? ((v + 7) & ~7) * cpus : v, 0x40), 0);
        w.flush();
        return s.toString();
    }

    @Test
    void singleLineWhenSmall() {
        assertEquals("key: 01 02 03 04  value: 40 41 42 43 44 45 46 47\n", plain(4, 8, false, 1));
        assertEquals("key: 01 02 03 04 05 06 07 08  value: 40 41 42 43 44 45 46 47  48 49 4a 4b 4c 4d 4e 4f\n", plain(8, 16, false, 1));
    }

    @Test
    void multiLineWhenLarge() {
        assertEquals("key:\n01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10\n11 12 13 14\n"
                + "value:\n40 41 42 43\n", plain(20, 4, false, 1));
    }

    @Test
    void perCpuOneLinePerCpu() {
        assertEquals("key:\n01 02 03 04\nvalue (CPU 00): 40 41 42 43\nvalue (CPU 01): 48 49 4a 4b\n", plain(4, 4, true, 2));
    }

    @Test
    void json() {
        StringWriter s = new StringWriter();
        EntryWriter w = new EntryWriter(s, 2, 1, false, 1, false);
        w.json(seq(2, 1), 0, seq(1, 0xff), 0);
        w.flush();
        assertEquals("{\"key\":[\"0x01\",\"0x02\"],\"value\":[\"0xff\"]}", s.toString());
        StringWriter p = new StringWriter();
        EntryWriter pc = new EntryWriter(p, 1, 1, true, 2, false);
        pc.json(seq(1, 7), 0, seq(16, 0), 0);
        pc.flush();
        assertEquals("{\"key\":[\"0x07\"],\"values\":[{\"cpu\":0,\"value\":[\"0x00\"]},{\"cpu\":1,\"value\":[\"0x08\"]}]}", p.toString());
    }

    @Test
    void errorsInline() {
        StringWriter s = new StringWriter();
        EntryWriter w = new EntryWriter(s, 4, 8, false, 1, false);
        w.plainError(seq(4, 1), 0, "<no entry>");
        w.flush();
        assertEquals("key: 01 02 03 04  value: <no entry>\n", s.toString());
    }
}
