package dev.cil.flow;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query string of the daemon's {@code GET /v1/flows} (docs/flows-api.md): a {@link FlowRequest}
 * as URL parameters, encoded by the client and decoded by the server. Parameters: {@code number}
 * (a count, or {@code all}), {@code first}, {@code follow}, {@code since}, {@code until} (RFC 3339),
 * {@code allow} and {@code deny} (each a hubble FlowFilter in JSON, repeatable).
 */
public final class FlowQuery {
    private FlowQuery() { }

    /** The query string (without {@code ?}) for a request. */
    public static String encode(FlowRequest r) {
        List<String> p = new ArrayList<>();
        if (r.number() == FlowRequest.ALL) p.add("number=all");
        else if (r.number() != 0) p.add("number=" + Long.toUnsignedString(r.number()));
        if (r.first()) p.add("first=true");
        if (r.follow()) p.add("follow=true");
        if (r.since() != null) p.add("since=" + enc(r.since().toString()));
        if (r.until() != null) p.add("until=" + enc(r.until().toString()));
        for (FilterSpec s : r.filter().allow()) p.add("allow=" + enc(s.toJson()));
        for (FilterSpec s : r.filter().deny()) p.add("deny=" + enc(s.toJson()));
        return String.join("&", p);
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    /** Splits a raw query string into its (decoded) parameters, in order. */
    public static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) return m;
        for (String kv : query.split("&")) {
            if (kv.isEmpty()) continue;
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return m;
    }

    /**
     * The request a server was sent. Throws IllegalArgumentException (answer 400) for an unknown
     * parameter, a bad value or a filter cil cannot apply.
     */
    public static FlowRequest decode(Map<String, List<String>> params) {
        long number = 0;
        boolean first = false, follow = false;
        Instant since = null, until = null;
        List<FilterSpec> allow = new ArrayList<>(), deny = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            for (String v : e.getValue()) {
                switch (e.getKey()) {
                    case "number":
                        if (v.equals("all")) {
                            number = FlowRequest.ALL;
                        } else {
                            try {
                                number = Long.parseUnsignedLong(v);
                            } catch (NumberFormatException x) {
                                throw new IllegalArgumentException("invalid number: " + v);
                            }
                        }
                        break;
                    case "first": first = bool(e.getKey(), v); break;
                    case "follow": follow = bool(e.getKey(), v); break;
                    case "since": since = time(e.getKey(), v); break;
                    case "until": until = time(e.getKey(), v); break;
                    case "allow": allow.add(FilterSpec.fromJson(v)); break;
                    case "deny": deny.add(FilterSpec.fromJson(v)); break;
                    default: throw new IllegalArgumentException("unknown parameter: " + e.getKey());
                }
            }
        }
        return new FlowRequest(FlowFilter.of(allow, deny), number, first, follow, since, until);
    }

    /** {@link #decode(Map)} of a raw query string. */
    public static FlowRequest decode(String query) { return decode(parameters(query)); }

    private static boolean bool(String k, String v) {
        switch (v) {
            case "true": case "1": case "": return true;
            case "false": case "0": return false;
            default: throw new IllegalArgumentException("invalid " + k + ": " + v + " (true or false)");
        }
    }

    private static Instant time(String k, String v) {
        Instant t = GoTime.parseRfc3339(v);
        if (t == null) throw new IllegalArgumentException("invalid " + k + ": " + v + " (an RFC 3339 time)");
        return t;
    }
}
