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

    @Test
    void agreesWithTheOutputLayersTabWriterOnRandomTables() {
        // dev.cil.cli.output.TabWriter (the daemon branch's, written independently) is the same Go algorithm;
        // dev.cil.flow keeps its own streaming one so that the flow package depends on nothing in cli
        java.util.Random r = new java.util.Random(42);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int lines = 1 + r.nextInt(6);
            for (int l = 0; l < lines; l++) {
                int cells = r.nextInt(5);
                for (int c = 0; c < cells; c++) {
                    text.append("xé-".repeat(r.nextInt(3))).append("ab".substring(0, r.nextInt(3))).append('\t');
                }
                if (r.nextBoolean()) text.append("tail".substring(0, r.nextInt(5)));
                text.append('\n');
            }
            String in = text.toString();
            String theirs = new dev.cil.cli.output.TabWriter(2, 0, 3, ' ', 0).print(in).format();
            assertEquals(theirs, tab(2, 3, in), in);
        }
    }
}
