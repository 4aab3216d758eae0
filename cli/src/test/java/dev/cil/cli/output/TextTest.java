package dev.cil.cli.output;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TextTest {
    @Test
    void controlCharactersBecomeVisible() {
        assertEquals("a\\x1b[31mb\\x0d\\x0a", Text.safe("a\u001b[31mb\r\n"));
        String plain = "cil_from_container";
        assertSame(plain, Text.safe(plain));
        assertEquals("", Text.safe(null));
    }

    @Test
    void unsignedAndHex() {
        assertEquals("4294967295", Text.unsigned(-1));
        assertEquals("0aff", Text.hex(new byte[] {10, (byte) 255}));
    }
}
