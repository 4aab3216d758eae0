package dev.cil.cli.command;

import dev.cil.cli.CilException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgsTest {
    @Test
    void keywordsMatchByPrefixAsBpftool() {
        Args a = new Args(List.of("i", "42", "pin", "/x"));
        assertTrue(a.accept("id"));
        assertEquals("42", a.valueOf("id"));
        assertFalse(a.accept("name"));
        assertTrue(a.accept("pinned"));
        assertEquals("/x", a.next("path"));
        a.end();
        assertFalse(new Args(List.of("")).accept("id"), "an empty word is no prefix");
    }

    @Test
    void idsAsStrtoulBase0() {
        assertEquals(42, Args.parseId("42"));
        assertEquals(42, Args.parseId("0x2a"));
        assertEquals(42, Args.parseId("052"));
        assertEquals(-1, Args.parseId("4294967295"));
        assertEquals("can't parse 4294967296 as ID", assertThrows(CilException.class, () -> Args.parseId("4294967296")).getMessage());
        assertEquals("can't parse -1 as ID", assertThrows(CilException.class, () -> Args.parseId("-1")).getMessage());
        assertEquals(2, assertThrows(CilException.class, () -> Args.parseId("x")).exitCode());
    }

    @Test
    void leftoversAndMissingValuesAreUsageErrors() {
        CilException e = assertThrows(CilException.class, () -> new Args(List.of("extra")).end());
        assertEquals("unexpected argument 'extra'", e.getMessage());
        assertEquals(2, e.exitCode());
        Args a = new Args(List.of("id"));
        a.accept("id");
        assertEquals("what is 'id'? (missing value)", assertThrows(CilException.class, () -> a.valueOf("id")).getMessage());
    }
}
