package dev.cil.cli.command.map;

import dev.cil.cli.CilException;
import dev.cil.cli.command.Args;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteArgsTest {
    static byte[] parse(int n, String... words) {
        Args a = new Args(List.of(words));
        byte[] b = ByteArgs.parse(a, "key", n);
        return b;
    }

    @Test
    void eachByteAsStrtoulOrHex() {
        assertArrayEquals(new byte[] {1, 0x2a, 8, (byte) 255}, parse(4, "1", "0x2a", "010", "255"));
        assertArrayEquals(new byte[] {0x0a, 0, 0, 1}, parse(4, "hex", "0a", "00", "00", "01"));
        assertArrayEquals(new byte[] {0x0a, 0, 0, 1}, parse(4, "hex", "0a000001"));
    }

    @Test
    void stopsAtTheNextKeyword() {
        Args a = new Args(List.of("1", "2", "value", "3"));
        CilException e = assertThrows(CilException.class, () -> ByteArgs.parse(a, "key", 4));
        assertEquals("key expected 4 bytes got 2", e.getMessage());
    }

    @Test
    void badBytes() {
        assertEquals("error parsing byte: zz", assertThrows(CilException.class, () -> parse(2, "1", "zz")).getMessage());
        assertEquals("error parsing byte: 256", assertThrows(CilException.class, () -> parse(1, "256")).getMessage());
        assertEquals("error parsing byte: 1ff", assertThrows(CilException.class, () -> parse(1, "hex", "1ff")).getMessage());
    }
}
