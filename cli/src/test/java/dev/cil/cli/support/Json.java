package dev.cil.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** JSON comparison helpers for peer tests. */
public final class Json {
    private static final ObjectMapper M = new ObjectMapper();

    private Json() { }

    public static JsonNode parse(String s) {
        try {
            return M.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    public static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) k.add(it.next());
        return k;
    }

    /**
     * Asserts that every key the peer prints is present in ours with an equal value, and that our
     * extra keys are among {@code allowedExtra} (keys newer peers add).
     */
    public static void assertCovers(JsonNode peer, JsonNode ours, Set<String> allowedExtra, String what) {
        for (Iterator<String> it = peer.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ours.has(k)) throw new AssertionError(what + ": missing key '" + k + "'\npeer: " + peer + "\nours: " + ours);
            if (!peer.get(k).equals(ours.get(k))) {
                throw new AssertionError(what + ": key '" + k + "' differs: peer " + peer.get(k) + ", ours " + ours.get(k)
                        + "\npeer: " + peer + "\nours: " + ours);
            }
        }
        for (Iterator<String> it = ours.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!peer.has(k) && !allowedExtra.contains(k)) {
                throw new AssertionError(what + ": extra key '" + k + "'\npeer: " + peer + "\nours: " + ours);
            }
        }
    }
}
