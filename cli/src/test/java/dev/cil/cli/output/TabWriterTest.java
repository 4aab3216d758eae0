package dev.cil.cli.output;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Go's text/tabwriter semantics (formats.md §0.1). Expected strings were worked out from Go's
 * algorithm by hand; the cilium-dbg tables of formats.md (rendered with Go) are checked in
 * {@code FormatsGoldenTest}.
 */
class TabWriterTest {
    private static String fmt(int min, int pad, int flags, String in) {
        return new TabWriter(min, 0, pad, ' ', flags).print(in).format();
    }

    @Test
    void trailingCellIsNeverPadded() {
        assertEquals("a    b\nccc  d\n", fmt(0, 2, 0, "a\tb\nccc\td\n"));
    }

    @Test
    void tabTerminatedLastCellLeavesTrailingSpaces() {
        assertEquals("a    b  \nccc  d  \n", fmt(0, 2, 0, "a\tb\t\nccc\td\t\n"));
    }

    @Test
    void minwidthAppliesToEveryColumn() {
        assertEquals("a    b\n", fmt(5, 1, 0, "a\tb\n"));
        assertEquals("abcdef  b\n", fmt(5, 2, 0, "abcdef\tb\n"));
    }

    @Test
    void aLineWithoutTabsEndsTheBlock() {
        // block 1: lines 1-2 (width 3+2); the tab-less line; block 2 sized alone (width 9+2)
        assertEquals("a    x\nbbb  y\n--\nccccccccc  z\nd          w\n",
                fmt(0, 2, 0, "a\tx\nbbb\ty\n--\nccccccccc\tz\nd\tw\n"));
    }

    @Test
    void aLineWithFewerCellsEndsTheInnerColumnsBlock() {
        // column 0 spans all three lines; column 1 only lines 1 and 3 separately (line 2 has one cell)
        assertEquals("a   bb  c\nxx  y\nz   w  v\n", fmt(0, 2, 0, "a\tbb\tc\nxx\ty\nz\tw\tv\n"));
    }

    @Test
    void emptyCellsArePadded() {
        assertEquals("a  b  c\n      d\n", fmt(0, 2, 0, "a\tb\tc\n\t\td\n"));
    }

    @Test
    void widthCountsCodePointsNotBytes() {
        assertEquals("äö  x\nab  y\n", fmt(0, 2, 0, "äö\tx\nab\ty\n"));
    }

    @Test
    void unterminatedLastLineStaysUnterminated() {
        assertEquals("a  b\nc  d", fmt(0, 2, 0, "a\tb\nc\td"));
        assertEquals("", fmt(0, 2, 0, ""));
        assertEquals("\n\n", fmt(0, 2, 0, "\n\n"));
    }

    @Test
    void flagsAlignRightDiscardEmptyColumnsAndDebug() {
        assertEquals("    ab\n  cccd\n", fmt(0, 2, TabWriter.ALIGN_RIGHT, "a\tb\nccc\td\n"));
        assertEquals("a  b\nc  d\n", fmt(0, 2, TabWriter.DISCARD_EMPTY_COLUMNS, "a\t\tb\nc\t\td\n"));
        assertEquals("a  |b\nc  |d\n", fmt(0, 2, TabWriter.DEBUG, "a\tb\nc\td\n"));
    }

    @Test
    void tabPaddingRoundsToTabStops() {
        TabWriter w = new TabWriter(0, 8, 1, '\t', 0);
        assertEquals("a\t\tb\naaaaaaaa\tc\n", w.print("a\tb\naaaaaaaa\tc\n").format());
    }

    @Test
    void rowHelperTerminatesEveryCell() {
        assertEquals("x  y  \n", new TabWriter(0, 0, 2, ' ', 0).row("x", "y").format());
    }

    @Test
    void negativeParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TabWriter(-1, 0, 0, ' ', 0));
    }
}
