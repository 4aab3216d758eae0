package dev.cil.daemon;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Security identities shared by every node on the machine ({@code /var/lib/cil/identities.json}), so a
 * label set has the same number on every node, as with Cilium's cluster-wide allocator. Same labels ⇒
 * same identity; new label sets get the lowest free number from 256. Each identity counts its uses per
 * node (0 once a node's last use is gone); an identity stays allocated (and stable across restarts)
 * while any node uses it, and until {@code daemon clean} removes the last node that did.
 *
 * <p>Every operation holds an exclusive {@code fcntl} lock on {@code identities.json.lock} (other
 * daemons) and this class's monitor (other threads), reads the file, and writes it back atomically.
 */
final class IdentityStore {
    private static final Object JVM_LOCK = new Object();
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(long id, List<String> labels, Map<String, Integer> users) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(List<Entry> identities) { }

    private final Path file;
    private final Path lockFile;

    IdentityStore(Path file) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    }

    Path file() { return file; }

    /** The identity of {@code labels} (sorted), allocating one if needed; counts one use by {@code node}. */
    long acquire(String node, List<String> labels) {
        return update(entries -> {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (e.labels().equals(labels)) {
                    entries.set(i, withUsers(e, node, +1));
                    return e.id();
                }
            }
            long id = ReservedIdentities.MIN_ALLOCATED;
            for (Entry e : entries) {   // sorted by id: the lowest gap
                if (e.id() == id) id++;
                else if (e.id() > id) break;
            }
            if (id > ReservedIdentities.MAX_ALLOCATED) throw new IllegalStateException("no free identity left (256-65535)");
            Map<String, Integer> users = new TreeMap<>();
            users.put(node, 1);
            entries.add(new Entry(id, List.copyOf(labels), users));
            return id;
        });
    }

    /** Drops one use of {@code id} by {@code node}; the identity itself stays allocated. */
    void release(String node, long id) {
        update(entries -> {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).id() == id) entries.set(i, withUsers(entries.get(i), node, -1));
            }
            return null;
        });
    }

    /** Sets {@code node}'s use counts to exactly {@code refs} (after a restore, from the node's state). */
    void setNode(String node, Map<Long, Integer> refs) {
        update(entries -> {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                Map<String, Integer> users = new TreeMap<>(e.users());
                Integer n = refs.get(e.id());
                if (n != null && n > 0) users.put(node, n);
                else if (users.containsKey(node)) users.put(node, 0);   // used before: freed when the node goes
                entries.set(i, new Entry(e.id(), e.labels(), users));
            }
            return null;
        });
    }

    /** Forgets {@code node}: its uses are dropped and identities nobody uses any more are freed. */
    void removeNode(String node) {
        update(entries -> {
            List<Entry> keep = new ArrayList<>();
            for (Entry e : entries) {
                Map<String, Integer> users = new TreeMap<>(e.users());
                users.remove(node);
                // an identity no node has (had) a use of is free: the node's own, and any left without
                // users by an older cil (it dropped a node's name with its last use)
                if (!users.isEmpty()) keep.add(new Entry(e.id(), e.labels(), users));
            }
            entries.clear();
            entries.addAll(keep);
            return null;
        });
    }

    List<Entry> all() { return update(ArrayList::new); }

    Optional<Entry> get(long id) {
        for (Entry e : all()) if (e.id() == id) return Optional.of(e);
        return Optional.empty();
    }

    private static Entry withUsers(Entry e, String node, int delta) {
        Map<String, Integer> users = new TreeMap<>(e.users());
        // a node keeps its name on an identity it used, with 0 uses: the identity stays stable (a pod
        // re-created with the same labels gets it back) until that node is cleaned
        users.put(node, Math.max(0, users.getOrDefault(node, 0) + delta));
        return new Entry(e.id(), e.labels(), users);
    }

    private <T> T update(Function<List<Entry>, T> change) {
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (FileChannel lc = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock held = lc.lock();   // released when the channel closes
                    assert held.isValid();
                    List<Entry> entries = new ArrayList<>();
                    byte[] before = Files.exists(file) ? Files.readAllBytes(file) : null;
                    if (before != null && before.length > 0) {
                        File f = JSON.readValue(before, File.class);
                        if (f.identities() != null) entries.addAll(f.identities());
                    }
                    entries.sort(Comparator.comparingLong(Entry::id));
                    T result = change.apply(entries);
                    entries.sort(Comparator.comparingLong(Entry::id));
                    byte[] after = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new File(entries));
                    if (before == null || !java.util.Arrays.equals(before, after)) AtomicFiles.write(file, after);
                    return result;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("identity store " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
