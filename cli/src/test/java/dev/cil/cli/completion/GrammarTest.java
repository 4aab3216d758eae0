package dev.cil.cli.completion;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrammarTest {
    static final Map<String, String> NT = new BuiltinProviders().nonterminals();

    static Grammar g(String text, String context) {
        Grammar g = Grammar.parse(text, context, NT);
        assertNotNull(g, text);
        return g;
    }

    /** Keywords, then the kinds of each value, as one sorted set of strings. */
    static Set<String> next(Grammar g, String... words) {
        Grammar.Expectation e = g.next(List.of(words));
        Set<String> out = new java.util.TreeSet<>(e.keywords());
        for (Grammar.Value v : e.values()) out.add(v.fixed() != null ? "fixed" + v.fixed() : String.join(">", v.kinds()));
        return out;
    }

    @Test
    void selectorOfItsOwnLabel() {
        Grammar prog = g("id ID | pinned PATH | tag TAG | name NAME", "PROG");
        assertEquals(Set.of("id", "pinned", "tag", "name"), next(prog));
        assertEquals(Set.of("PROG_ID>ID"), next(prog, "id"));
        assertEquals(Set.of("PROG_NAME>NAME"), next(prog, "name"));
        assertEquals(Set.of("PROG_PATH>PATH"), next(prog, "pinned"));
        assertEquals(Set.of(), next(prog, "id", "42"), "a selector takes one value");
        assertEquals(Set.of(), next(prog, "nosuch"), "an unknown keyword leads nowhere");
    }

    @Test
    void keywordsMatchByPrefixAsBpftool() {
        Grammar prog = g("id ID | pinned PATH | tag TAG | name NAME", "PROG");
        assertEquals(Set.of("PROG_ID>ID"), next(prog, "i"));
        assertEquals(Set.of("PROG_NAME>NAME"), next(prog, "n"));
        assertEquals(Set.of(), next(prog, "x"));
        assertEquals(Set.of(), next(prog, ""), "an empty word is no keyword");
    }

    @Test
    void selectorsExpandInsideALongerGrammar() {
        Grammar lookup = g("MAP key BYTES", null);
        assertEquals(Set.of("id", "pinned", "name"), next(lookup));
        assertEquals(Set.of("MAP_NAME>NAME"), next(lookup, "name"));
        assertEquals(Set.of("key"), next(lookup, "name", "cilium_lxc"));
        assertEquals(Set.of("BYTES"), next(lookup, "name", "cilium_lxc", "key"));
        assertEquals(Set.of("BYTES"), next(lookup, "id", "3", "key", "0x0a", "0"), "bytes go on");
    }

    @Test
    void repeatedValuesStopAtTheNextKeyword() {
        Grammar update = g("MAP key BYTES value VALUE [any|exist|noexist]", null);
        assertEquals(Set.of("BYTES", "value"), next(update, "id", "3", "key", "1"));
        assertEquals(Set.of("VALUE"), next(update, "id", "3", "key", "1", "0", "value"));
        assertEquals(Set.of("VALUE", "any", "exist", "noexist"), next(update, "id", "3", "key", "1", "value", "2"));
        assertEquals(Set.of(), next(update, "id", "3", "key", "1", "value", "2", "noexist"));
    }

    @Test
    void optionalPartsAndTopLevelValues() {
        Grammar create = g("FILE type TYPE key KEY_SIZE value VALUE_SIZE entries MAX_ENTRIES name NAME [flags FLAGS] [inner_map MAP]", null);
        assertEquals(Set.of("FILE"), next(create));
        assertEquals(Set.of("type"), next(create, "/sys/fs/bpf/m"));
        assertEquals(Set.of("TYPE"), next(create, "/sys/fs/bpf/m", "type"));
        List<String> all = List.of("/m", "type", "hash", "key", "4", "value", "8", "entries", "16", "name", "m");
        assertEquals(Set.of("flags", "inner_map"), next(create, all.toArray(new String[0])));
        List<String> inner = new java.util.ArrayList<>(all);
        inner.add("inner_map");
        assertEquals(Set.of("id", "pinned", "name"), next(create, inner.toArray(new String[0])));
        inner.add("name");
        assertEquals(Set.of("MAP_NAME>NAME"), next(create, inner.toArray(new String[0])));
    }

    @Test
    void bpftoolsBtfSourceSelector() {
        Grammar dump = g("BTF_SRC [format {raw|c}]", null);
        assertEquals(Set.of("id", "prog", "map", "file"), next(dump));
        assertEquals(Set.of("BTF_SRC_ID>ID"), next(dump, "id"));
        assertEquals(Set.of("id", "pinned", "name", "tag"), next(dump, "prog"));
        assertEquals(Set.of("format"), next(dump, "id", "1"));
        assertEquals(Set.of("raw", "c"), next(dump, "id", "1", "format"));
    }

    @Test
    void bracesAndEllipsis() {
        Grammar g = g("{ dev DEV | netns NETNS } NAME...", null);
        assertEquals(Set.of("dev", "netns"), next(g));
        assertEquals(Set.of("DEV"), next(g, "dev"));
        assertEquals(Set.of("NAME"), next(g, "dev", "eth0"));
        assertEquals(Set.of("NAME"), next(g, "dev", "eth0", "a", "b"));
    }

    @Test
    void proseIsNotAGrammar() {
        assertNull(Grammar.parse("The device to show.", null, NT));
        assertNull(Grammar.parse("Show all maps, or those MAP selects", null, NT));
        assertNull(Grammar.parse("id ID |", null, NT), "an empty alternative");
        assertNull(Grammar.parse("[id ID", null, NT), "unbalanced");
        assertNull(Grammar.parse("", null, NT));
    }

    @Test
    void aSelectorThatNamesItselfDoesNotLoop() {
        Map<String, String> nt = Map.of("A", "x A | y B", "B", "z A");
        Grammar g = Grammar.parse("A", null, nt);
        assertNotNull(g);
        assertTrue(next(g).containsAll(Set.of("x", "y")));
    }

    @Test
    void completesOnlyWithKeywordsOrKnownValues() {
        assertTrue(g("id ID", "MAP").completes(k -> false), "a keyword is enough");
        assertTrue(!g("KEY_SIZE", null).completes(k -> false));
        assertTrue(g("DEV", null).completes(k -> k.equals("DEV")));
    }
}
