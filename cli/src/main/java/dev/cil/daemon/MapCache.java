package dev.cil.daemon;

import dev.cil.api.BpfMapModel;
import dev.cil.bpf.BpfMap;
import dev.cil.error.KernelException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daemon's desired content of a map it owns (cilium_lxc, cilium_ipcache), as Cilium's map cache:
 * every entry has a desired action ({@code sync} once written, {@code to-be-inserted} or
 * {@code to-be-deleted} while a write failed) and its last error. {@link #resync} makes the kernel
 * map equal to the cache: rewrites differing values, retries failed operations, deletes entries the
 * daemon does not want. {@code cil map get NAME} shows this cache.
 */
final class MapCache {
    enum Action {
        SYNC("sync"), INSERT("to-be-inserted"), DELETE("to-be-deleted");

        final String text;

        Action(String t) { text = t; }
    }

    private static final class Slot {
        final byte[] key;
        byte[] value;
        Action action;
        String error = "";

        Slot(byte[] key, byte[] value, Action action) {
            this.key = key;
            this.value = value;
            this.action = action;
        }
    }

    /** What a resync changed. */
    record Result(int written, int deleted, int failed, String firstError) { }

    private final String name;
    private final BpfMap map;
    private final Function<byte[], String> keyText;
    private final Function<byte[], String> valueText;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    MapCache(String name, BpfMap map, Function<byte[], String> keyText, Function<byte[], String> valueText) {
        this.name = name;
        this.map = map;
        this.keyText = keyText;
        this.valueText = valueText;
    }

    String name() { return name; }

    private static String id(byte[] k) { return HexFormat.of().formatHex(k); }

    /**
     * Sets {@code key} to {@code value} in the cache and the map; a failed write stays
     * {@code to-be-inserted} (the sync controller retries it). Returns the write's error, or null.
     */
    synchronized String put(byte[] key, byte[] value) {
        Slot s = slots.get(id(key));
        if (s == null) slots.put(id(key), s = new Slot(key.clone(), value.clone(), Action.INSERT));
        else {
            s.value = value.clone();
            s.action = Action.INSERT;
        }
        write(s);
        return s.action == Action.SYNC ? null : s.error;
    }

    /** Removes {@code key}; a failed delete stays {@code to-be-deleted}. */
    synchronized void delete(byte[] key) {
        Slot s = slots.get(id(key));
        if (s == null) {
            try {
                map.delete(key);
            } catch (KernelException e) {
                // not ours and not deletable: resync reports it
            }
            return;
        }
        s.action = Action.DELETE;
        remove(s);
    }

    synchronized boolean contains(byte[] key) {
        Slot s = slots.get(id(key));
        return s != null && s.action != Action.DELETE;
    }

    private void write(Slot s) {
        try {
            map.update(s.key, s.value, BpfMap.UPDATE_ANY);
            s.action = Action.SYNC;
            s.error = "";
        } catch (KernelException | IllegalArgumentException e) {
            s.error = e.getMessage();
        }
    }

    private boolean remove(Slot s) {
        try {
            map.delete(s.key);
            slots.remove(id(s.key));
            return true;
        } catch (KernelException e) {
            s.error = e.getMessage();
            return false;
        }
    }

    /** Makes the kernel map equal to the cache. */
    synchronized Result resync() {
        int written = 0, deleted = 0, failed = 0;
        String first = null;
        for (Slot s : new ArrayList<>(slots.values())) {
            if (s.action == Action.DELETE) {
                if (remove(s)) deleted++;
                else {
                    failed++;
                    if (first == null) first = s.error;
                }
                continue;
            }
            Optional<byte[]> cur;
            try {
                cur = map.lookup(s.key);
            } catch (KernelException e) {
                cur = Optional.empty();
            }
            if (s.action != Action.SYNC || cur.isEmpty() || !Arrays.equals(cur.get(), s.value)) {
                s.action = Action.INSERT;
                write(s);
                if (s.action == Action.SYNC) written++;
                else {
                    failed++;
                    if (first == null) first = s.error;
                }
            }
        }
        List<byte[]> extra = new ArrayList<>();
        map.walk((keys, ko, values, vo) -> {
            byte[] k = new byte[map.keySize()];
            keys.duplicate().position(ko).get(k);
            if (!slots.containsKey(id(k))) extra.add(k);
        });
        for (byte[] k : extra) {
            try {
                if (map.delete(k)) deleted++;
            } catch (KernelException e) {
                failed++;
                if (first == null) first = e.getMessage();
            }
        }
        return new Result(written, deleted, failed, first);
    }

    /** The cache as the API shows it. */
    synchronized BpfMapModel model(String path) {
        List<BpfMapModel.Entry> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            out.add(new BpfMapModel.Entry(s.action.text, keyText.apply(s.key), s.error, valueText.apply(s.value)));
        }
        return new BpfMapModel(out, path);
    }

    static byte[] bytes(ByteBuffer b, int off, int len) {
        byte[] a = new byte[len];
        b.duplicate().position(off).get(a);
        return a;
    }
}
