package dev.cil.bpf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /proc/self/fdinfo/N} of a BPF object: the fields the kernel shows only there
 * ({@code memlock}, {@code frozen}, {@code owner_prog_type}, {@code owner_jited}, …).
 */
public final class FdInfo {
    private final Map<String, String> fields;

    private FdInfo(Map<String, String> fields) { this.fields = fields; }

    static FdInfo read(int fd) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            byte[] b = Files.readAllBytes(Paths.get("/proc/self/fdinfo/" + fd));
            String s = new String(b, StandardCharsets.US_ASCII);
            int i = 0;
            while (i < s.length()) {
                int nl = s.indexOf('\n', i);
                if (nl < 0) nl = s.length();
                int colon = s.indexOf(':', i);
                if (colon > i && colon < nl) {
                    m.put(s.substring(i, colon), s.substring(colon + 1, nl).trim());
                }
                i = nl + 1;
            }
        } catch (NoSuchFileException e) {
            // fd closed under us: no extra fields
        } catch (IOException e) {
            // unreadable fdinfo: no extra fields
        }
        return new FdInfo(m);
    }

    /** The kind of BPF object an fd refers to: {@code prog}, {@code map}, {@code link}, {@code btf}, or null. */
    static String objectKind(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            switch (target) {
                case "anon_inode:bpf-prog": return "prog";
                case "anon_inode:bpf-map": return "map";
                case "anon_inode:bpf_link": case "anon_inode:bpf-link": return "link";
                case "anon_inode:btf": return "btf";
                default: return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    public String get(String key) { return fields.get(key); }

    public long getLong(String key, long dflt) {
        String v = fields.get(key);
        if (v == null) return dflt;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    public Map<String, String> all() { return Map.copyOf(fields); }
}
