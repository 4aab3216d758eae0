package dev.cil.flow;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's time layouts as hubble uses them: formatting of flow times (always UTC, as the proto
 * timestamp's {@code AsTime()}), hubble's {@code --time-format} names, and parsing of {@code --since}
 * and {@code --until} (a Go duration before now, or one of hubble's layouts).
 */
public final class GoTime {
    private GoTime() { }

    /** hubble's {@code --time-format} names, in its help order. */
    public enum Layout {
        STAMP_MILLI("StampMilli", "Jan _2 15:04:05.000"),
        YEAR_MONTH_DAY("YearMonthDay", "2006-01-02"),
        YEAR_MONTH_DAY_HOUR("YearMonthDayHour", "2006-01-02T15Z07:00"),
        YEAR_MONTH_DAY_HOUR_MINUTE("YearMonthDayHourMinute", "2006-01-02T15:04Z07:00"),
        RFC3339("RFC3339", "2006-01-02T15:04:05Z07:00"),
        RFC3339_MILLI("RFC3339Milli", "2006-01-02T15:04:05.999Z07:00"),
        RFC3339_MICRO("RFC3339Micro", "2006-01-02T15:04:05.999999Z07:00"),
        RFC3339_NANO("RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"),
        RFC1123Z("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700");

        private final String hubbleName;
        private final String goLayout;

        Layout(String hubbleName, String goLayout) {
            this.hubbleName = hubbleName;
            this.goLayout = goLayout;
        }

        public String hubbleName() { return hubbleName; }

        public String goLayout() { return goLayout; }

        /**
         * hubble's FormatNameToLayout: case-insensitive names; anything unknown is StampMilli (hubble
         * does not reject a bad {@code --time-format}).
         */
        public static Layout byName(String name) {
            if (name != null) {
                for (Layout l : values()) if (l.hubbleName.equalsIgnoreCase(name)) return l;
            }
            return STAMP_MILLI;
        }
    }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    /** Days since 1970-01-01 to {year, month 1-12, day 1-31} (proleptic Gregorian; H. Hinnant's algorithm). */
    static int[] civil(long days) {
        long z = days + 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return new int[] {(int) (m <= 2 ? y + 1 : y), (int) m, (int) d};
    }

    /** {year, month, day} to days since 1970-01-01. */
    static long days(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static void pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) b.append('0');
        b.append(s);
    }

    /** Appends RFC 3339 in UTC; {@code protoFraction}: 0/3/6/9 digits as protojson, else trimmed as Go's .999…. */
    static void appendRfc3339Utc(StringBuilder b, long epochSecond, int nanos, boolean protoFraction) {
        appendDateTime(b, epochSecond);
        if (protoFraction) {
            if (nanos != 0) {
                b.append('.');
                if (nanos % 1_000_000 == 0) pad(b, nanos / 1_000_000, 3);
                else if (nanos % 1000 == 0) pad(b, nanos / 1000, 6);
                else pad(b, nanos, 9);
            }
        } else {
            appendTrimmedFraction(b, nanos, 9);
        }
        b.append('Z');
    }

    private static void appendDateTime(StringBuilder b, long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86400);
        int sod = (int) Math.floorMod(epochSecond, 86400);
        int[] ymd = civil(days);
        pad(b, ymd[0], 4);
        b.append('-');
        pad(b, ymd[1], 2);
        b.append('-');
        pad(b, ymd[2], 2);
        b.append('T');
        pad(b, sod / 3600, 2);
        b.append(':');
        pad(b, sod / 60 % 60, 2);
        b.append(':');
        pad(b, sod % 60, 2);
    }

    /** Go's {@code .999…} with {@code digits} places: trailing zeros and an empty fraction dropped. */
    private static void appendTrimmedFraction(StringBuilder b, int nanos, int digits) {
        int v = nanos;
        for (int i = digits; i < 9; i++) v /= 10;
        if (v == 0) return;
        String s = Integer.toString(v);
        StringBuilder f = new StringBuilder();
        for (int i = s.length(); i < digits; i++) f.append('0');
        f.append(s);
        int end = f.length();
        while (end > 0 && f.charAt(end - 1) == '0') end--;
        b.append('.').append(f, 0, end);
    }

    /** Formats a time in UTC with a layout, as Go's {@code t.UTC().Format(layout)}; null prints {@code N/A}. */
    public static String format(Instant t, Layout layout) {
        if (t == null) return "N/A";
        StringBuilder b = new StringBuilder(32);
        long sec = t.getEpochSecond();
        int nanos = t.getNano();
        long days = Math.floorDiv(sec, 86400);
        int sod = (int) Math.floorMod(sec, 86400);
        int[] ymd = civil(days);
        switch (layout) {
            case STAMP_MILLI:
                b.append(MONTHS[ymd[1] - 1]).append(' ');
                if (ymd[2] < 10) b.append(' ');
                b.append(ymd[2]).append(' ');
                pad(b, sod / 3600, 2);
                b.append(':');
                pad(b, sod / 60 % 60, 2);
                b.append(':');
                pad(b, sod % 60, 2);
                b.append('.');
                pad(b, nanos / 1_000_000, 3);
                return b.toString();
            case YEAR_MONTH_DAY:
                pad(b, ymd[0], 4);
                b.append('-');
                pad(b, ymd[1], 2);
                b.append('-');
                pad(b, ymd[2], 2);
                return b.toString();
            case YEAR_MONTH_DAY_HOUR:
                pad(b, ymd[0], 4);
                b.append('-');
                pad(b, ymd[1], 2);
                b.append('-');
                pad(b, ymd[2], 2);
                b.append('T');
                pad(b, sod / 3600, 2);
                return b.append('Z').toString();
            case YEAR_MONTH_DAY_HOUR_MINUTE:
                pad(b, ymd[0], 4);
                b.append('-');
                pad(b, ymd[1], 2);
                b.append('-');
                pad(b, ymd[2], 2);
                b.append('T');
                pad(b, sod / 3600, 2);
                b.append(':');
                pad(b, sod / 60 % 60, 2);
                return b.append('Z').toString();
            case RFC3339:
                appendDateTime(b, sec);
                return b.append('Z').toString();
            case RFC3339_MILLI:
                appendDateTime(b, sec);
                appendTrimmedFraction(b, nanos, 3);
                return b.append('Z').toString();
            case RFC3339_MICRO:
                appendDateTime(b, sec);
                appendTrimmedFraction(b, nanos, 6);
                return b.append('Z').toString();
            case RFC3339_NANO:
                appendDateTime(b, sec);
                appendTrimmedFraction(b, nanos, 9);
                return b.append('Z').toString();
            case RFC1123Z:
            default:
                int dow = (int) Math.floorMod(days + 3, 7); // 1970-01-01 was a Thursday
                b.append(DAYS[dow]).append(", ");
                pad(b, ymd[2], 2);
                b.append(' ').append(MONTHS[ymd[1] - 1]).append(' ');
                pad(b, ymd[0], 4);
                b.append(' ');
                pad(b, sod / 3600, 2);
                b.append(':');
                pad(b, sod / 60 % 60, 2);
                b.append(':');
                pad(b, sod % 60, 2);
                return b.append(" +0000").toString();
        }
    }

    // ---- parsing ----

    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*)(\\.[0-9]*)?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");

    /**
     * Go's time.ParseDuration ({@code 3s}, {@code 4m}, {@code 1h43m}, {@code 1.5h}, {@code -2m}, {@code 0})
     * in nanoseconds; throws IllegalArgumentException.
     */
    public static long parseDuration(String s) {
        String orig = s;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) return 0;
        if (s.isEmpty()) throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
        Matcher m = DURATION_PART.matcher(s);
        int pos = 0;
        double total = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
            String whole = m.group(1), frac = m.group(2), unit = m.group(3);
            if (whole.isEmpty() && (frac == null || frac.length() < 2)) {
                throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
            }
            double v = (whole.isEmpty() ? 0 : Double.parseDouble(whole)) + (frac == null || frac.length() < 2 ? 0 : Double.parseDouble("0" + frac));
            long scale;
            switch (unit) {
                case "ns": scale = 1; break;
                case "us": case "\u00b5s": case "\u03bcs": scale = 1_000; break;
                case "ms": scale = 1_000_000; break;
                case "s": scale = 1_000_000_000L; break;
                case "m": scale = 60_000_000_000L; break;
                default: scale = 3_600_000_000_000L;
            }
            total += v * scale;
            pos = m.end();
        }
        if (total > Long.MAX_VALUE) throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
        long ns = Math.round(total);
        return neg ? -ns : ns;
    }

    private static final String DATE = "(\\d{4})-(\\d{2})-(\\d{2})";
    private static final String ZONE = "(Z|[+-]\\d{2}:\\d{2})";
    private static final Pattern YMD = Pattern.compile(DATE);
    private static final Pattern YMDH = Pattern.compile(DATE + "T(\\d{2})" + ZONE);
    private static final Pattern YMDHM = Pattern.compile(DATE + "T(\\d{2}):(\\d{2})" + ZONE);
    private static final Pattern RFC3339_P = Pattern.compile(DATE + "T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d{1,9})?" + ZONE);
    private static final Pattern RFC1123Z_P = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) ([+-]\\d{4})");
    private static final Pattern STAMP_MILLI_P = Pattern.compile(
            "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})");

    /**
     * hubble's {@code --since}/{@code --until} value: a Go duration before {@code now}, or a time in one
     * of hubble's layouts (YearMonthDay, YearMonthDayHour, YearMonthDayHourMinute, RFC3339 with any
     * fraction, RFC1123Z; also StampMilli, which hubble's help lists, in the current UTC year).
     * Throws IllegalArgumentException with hubble's message.
     */
    public static Instant parseTime(String input, Instant now) {
        try {
            long d = parseDuration(input);
            return now.minusNanos(d);
        } catch (IllegalArgumentException e) {
            // not a duration: try the layouts
        }
        Matcher m;
        if ((m = YMD.matcher(input)).matches()) {
            return at(m.group(1), m.group(2), m.group(3), 0, 0, 0, 0, 0, input);
        }
        if ((m = YMDH.matcher(input)).matches()) {
            return at(m.group(1), m.group(2), m.group(3), i(m.group(4)), 0, 0, 0, zone(m.group(5)), input);
        }
        if ((m = YMDHM.matcher(input)).matches()) {
            return at(m.group(1), m.group(2), m.group(3), i(m.group(4)), i(m.group(5)), 0, 0, zone(m.group(6)), input);
        }
        if ((m = RFC3339_P.matcher(input)).matches()) {
            int nanos = 0;
            if (m.group(7) != null) {
                String f = m.group(7).substring(1);
                nanos = Integer.parseInt((f + "000000000").substring(0, 9));
            }
            return at(m.group(1), m.group(2), m.group(3), i(m.group(4)), i(m.group(5)), i(m.group(6)), nanos, zone(m.group(8)), input);
        }
        if ((m = RFC1123Z_P.matcher(input)).matches()) {
            String off = m.group(8);
            int z = (off.charAt(0) == '-' ? -1 : 1) * (Integer.parseInt(off.substring(1, 3)) * 3600 + Integer.parseInt(off.substring(3)) * 60);
            return at(m.group(4), Integer.toString(month(m.group(3))), m.group(2), i(m.group(5)), i(m.group(6)), i(m.group(7)), 0, z, input);
        }
        if ((m = STAMP_MILLI_P.matcher(input)).matches()) {
            int year = civil(Math.floorDiv(now.getEpochSecond(), 86400))[0];
            return at(Integer.toString(year), Integer.toString(month(m.group(1))), m.group(2).trim(), i(m.group(3)), i(m.group(4)),
                    i(m.group(5)), i(m.group(6)) * 1_000_000, 0, input);
        }
        throw new IllegalArgumentException("failed to convert " + input + " to time");
    }

    private static int i(String s) { return Integer.parseInt(s); }

    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int k = from; k < from + n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The common case without a regex: {@code YYYY-MM-DDTHH:MM:SS[.f…]Z}; null for anything else. */
    private static Instant parseRfc3339Utc(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2), h = digits(s, 11, 2), mi = digits(s, 14, 2),
                sec = digits(s, 17, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fl = n - 21;
            if (s.charAt(19) != '.' || fl < 1 || fl > 9) return null;
            int f = digits(s, 20, fl);
            if (f < 0) return null;
            for (int k = fl; k < 9; k++) f *= 10;
            nanos = f;
        }
        return Instant.ofEpochSecond(days(y, mo, d) * 86400 + h * 3600L + mi * 60L + sec, nanos);
    }

    private static int month(String name) {
        for (int k = 0; k < 12; k++) if (MONTHS[k].equals(name)) return k + 1;
        return 1;
    }

    private static int zone(String z) {
        if (z.equals("Z")) return 0;
        int s = (z.charAt(0) == '-' ? -1 : 1);
        return s * (Integer.parseInt(z.substring(1, 3)) * 3600 + Integer.parseInt(z.substring(4, 6)) * 60);
    }

    private static Instant at(String y, String mo, String d, int h, int mi, int s, int nanos, int offsetSeconds, String input) {
        int year = i(y), month = i(mo), day = i(d.trim());
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || h > 23 || mi > 59 || s > 59) {
            throw new IllegalArgumentException("failed to convert " + input + " to time");
        }
        long epoch = days(year, month, day) * 86400 + h * 3600L + mi * 60L + s - offsetSeconds;
        return Instant.ofEpochSecond(epoch, nanos);
    }

    private static int daysIn(int y, int m) {
        switch (m) {
            case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    /** An RFC 3339 timestamp as protojson reads it (any fraction up to 9 digits, Z or an offset); null if it is not one. */
    public static Instant parseRfc3339(String s) {
        Instant fast = parseRfc3339Utc(s);
        if (fast != null) return fast;
        Matcher m = RFC3339_P.matcher(s);
        if (!m.matches()) return null;
        int nanos = 0;
        if (m.group(7) != null) nanos = Integer.parseInt((m.group(7).substring(1) + "000000000").substring(0, 9));
        return at(m.group(1), m.group(2), m.group(3), i(m.group(4)), i(m.group(5)), i(m.group(6)), nanos, zone(m.group(8)), s);
    }
}
