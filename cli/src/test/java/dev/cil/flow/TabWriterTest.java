package dev.cil.flow;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Go text/tabwriter semantics: column blocks, trailing cells never padded, minwidth and padding. */
class TabWriterTest {
    static String tab(int minWidth, int padding, String text) {
        StringBuilder out = new StringBuilder();
        TabWriter w = new TabWriter(out, minWidth, padding);
        w.write(text);
        w.flush();
        return out.toString();
    }

    @Test
    void goDocumentationsElasticExampleLeftAligned() {
        // Go's Example_elastic (padding 1), left-aligned with spaces: a line with fewer cells ends a column block
        assertEquals("a    b  c\naa   bb cc\naaa  \naaaa dddd eeee\n",
                tab(0, 1, "a\tb\tc\naa\tbb\tcc\naaa\t\naaaa\tdddd\teeee\n"));
    }

    @Test
    void minWidthAndPaddingAsHubblesTable() {
        assertEquals("A    B\nxx   y\n", tab(2, 3, "A\tB\nxx\ty\n"));
        assertEquals("a   b\n", tab(2, 3, "a\tb\n"));
        assertEquals("   x\n", tab(2, 3, "\tx\n"), "an empty cell is max(minwidth, 0 + padding) wide");
    }

    @Test
    void aTrailingTabLeavesTrailingSpaces() {
        assertEquals("ab   \ncd   \n", tab(5, 0, "ab\t\ncd\t\n"));
    }

    @Test
    void widthCountsCodePoints() {
        assertEquals("é  x\nab x\n", tab(0, 1, "é\tx\nab\tx\n"));
    }

    @Test
    void aPartialLineWaitsForItsNewline() {
        StringBuilder out = new StringBuilder();
        TabWriter w = new TabWriter(out, 0, 1);
        w.write("a\tb\nlong");
        w.flush();
        assertEquals("a b\n", out.toString());
        w.write("er\tc\n");
        w.flush();
        assertEquals("a b\nlonger c\n", out.toString());
    }
}
