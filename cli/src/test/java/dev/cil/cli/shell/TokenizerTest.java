package dev.cil.cli.shell;

import dev.cil.cli.CilException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenizerTest {
    static List<String> words(String s) { return Tokenizer.split(s).words(); }

    @Test
    void wordsQuotesAndEscapes() {
        assertEquals(List.of("map", "dump", "name", "x"), words("  map\tdump  name x  "));
        assertEquals(List.of("a b", "c'd", "e\"f", "g h", "$x"), words("'a b' \"c'd\" \"e\\\"f\" g\\ h '$x'"));
        assertEquals(List.of("ab"), words("a''b"));
        assertEquals(List.of(""), words("''"), "an empty argument is kept");
        assertEquals(List.of("a#b"), words("a#b"));
        assertEquals(List.of("prog", "show"), words("prog show # a comment"));
        assertEquals(List.of(), words("# only a comment"));
        assertNull(Tokenizer.split("prog show").pipe());
    }

    @Test
    void anUnquotedBarPipes() {
        Tokenizer.Line l = Tokenizer.split("map dump name big | less -S");
        assertEquals(List.of("map", "dump", "name", "big"), l.words());
        assertEquals("less -S", l.pipe());
        assertEquals(List.of("a|b"), words("'a|b'"));
        assertEquals("grep x | wc -l", Tokenizer.split("prog show|grep x | wc -l").pipe());
    }

    @Test
    void malformedLinesAreUsageErrors() {
        CilException e = assertThrows(CilException.class, () -> Tokenizer.split("map dump name 'x"));
        assertEquals(2, e.exitCode());
        assertThrows(CilException.class, () -> Tokenizer.split("a \"b"));
        assertThrows(CilException.class, () -> Tokenizer.split("prog show |  "));
    }
}
