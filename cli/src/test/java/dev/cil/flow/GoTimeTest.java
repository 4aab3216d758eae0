package dev.cil.flow;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** hubble's --time-format layouts and --since/--until parsing. */
class GoTimeTest {
    static final Instant T = Instant.parse("2024-10-01T09:05:03.040506007Z");

    @Test
    void everyLayoutInUtc() {
        assertEquals("Oct  1 09:05:03.040", GoTime.format(T, GoTime.Layout.STAMP_MILLI), "the day is space-padded");
        assertEquals("2024-10-01", GoTime.format(T, GoTime.Layout.YEAR_MONTH_DAY));
        assertEquals("2024-10-01T09Z", GoTime.format(T, GoTime.Layout.YEAR_MONTH_DAY_HOUR));
        assertEquals("2024-10-01T09:05Z", GoTime.format(T, GoTime.Layout.YEAR_MONTH_DAY_HOUR_MINUTE));
        assertEquals("2024-10-01T09:05:03Z", GoTime.format(T, GoTime.Layout.RFC3339));
        assertEquals("2024-10-01T09:05:03.04Z", GoTime.format(T, GoTime.Layout.RFC3339_MILLI), "trailing zeros dropped (.999)");
        assertEquals("2024-10-01T09:05:03.040506Z", GoTime.format(T, GoTime.Layout.RFC3339_MICRO));
        assertEquals("2024-10-01T09:05:03.040506007Z", GoTime.format(T, GoTime.Layout.RFC3339_NANO));
        assertEquals("Tue, 01 Oct 2024 09:05:03 +0000", GoTime.format(T, GoTime.Layout.RFC1123Z));
        assertEquals("2024-10-01T09:05:03Z", GoTime.format(Instant.parse("2024-10-01T09:05:03Z"), GoTime.Layout.RFC3339_NANO));
        assertEquals("N/A", GoTime.format(null, GoTime.Layout.STAMP_MILLI));
        assertEquals("Feb 29 23:59:59.999", GoTime.format(Instant.parse("2024-02-29T23:59:59.999Z"), GoTime.Layout.STAMP_MILLI));
        assertEquals("Thu, 01 Jan 1970 00:00:00 +0000", GoTime.format(Instant.EPOCH, GoTime.Layout.RFC1123Z));
        assertEquals(GoTime.Layout.RFC3339_NANO, GoTime.Layout.byName("rfc3339nano"));
        assertEquals(GoTime.Layout.STAMP_MILLI, GoTime.Layout.byName("nonsense"), "hubble falls back to StampMilli");
    }

    @Test
    void goDurations() {
        assertEquals(3_000_000_000L, GoTime.parseDuration("3s"));
        assertEquals(6_180_000_000_000L, GoTime.parseDuration("1h43m"));
        assertEquals(5_400_000_000_000L, GoTime.parseDuration("1.5h"));
        assertEquals(-120_000_000_000L, GoTime.parseDuration("-2m"));
        assertEquals(1_500_000L, GoTime.parseDuration("1ms500us"));
        assertEquals(0, GoTime.parseDuration("0"));
        for (String bad : new String[] {"", "3", "1h43", "s", "3x", "--1s", "1.h2"}) {
            assertThrows(IllegalArgumentException.class, () -> GoTime.parseDuration(bad), bad);
        }
    }

    @Test
    void sinceAndUntilValues() {
        Instant now = Instant.parse("2024-10-21T12:00:00Z");
        assertEquals(Instant.parse("2024-10-21T11:59:57Z"), GoTime.parseTime("3s", now));
        assertEquals(Instant.parse("2024-10-21T10:17:00Z"), GoTime.parseTime("1h43m", now));
        assertEquals(Instant.parse("2024-10-21T00:00:00Z"), GoTime.parseTime("2024-10-21", now));
        assertEquals(Instant.parse("2024-10-21T09:00:00Z"), GoTime.parseTime("2024-10-21T11+02:00", now));
        assertEquals(Instant.parse("2024-10-21T11:12:00Z"), GoTime.parseTime("2024-10-21T11:12Z", now));
        assertEquals(Instant.parse("2024-10-21T11:12:10.5Z"), GoTime.parseTime("2024-10-21T11:12:10.5Z", now));
        assertEquals(Instant.parse("2024-10-21T16:12:10Z"), GoTime.parseTime("2024-10-21T11:12:10-05:00", now));
        assertEquals(Instant.parse("2024-10-21T10:12:10Z"), GoTime.parseTime("Mon, 21 Oct 2024 11:12:10 +0100", now));
        assertEquals(Instant.parse("2024-10-21T11:12:10.998Z"), GoTime.parseTime("Oct 21 11:12:10.998", now));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoTime.parseTime("yesterday", now));
        assertEquals("failed to convert yesterday to time", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoTime.parseTime("2024-02-30", now));
        assertThrows(IllegalArgumentException.class, () -> GoTime.parseTime("2024-10-21T25Z", now));
    }
}
