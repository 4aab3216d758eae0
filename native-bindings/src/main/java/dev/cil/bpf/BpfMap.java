package dev.cil.bpf;

import dev.cil.error.KernelException;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.BpfCmd;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A live BPF map: an owned fd plus its fixed shape (type, key and value sizes). Lookups return
 * {@link Optional}: a missing key is an answer, not an error. Values of per-CPU maps are
 * {@link #valueBufferSize()} bytes: one 8-byte-aligned slot per possible CPU.
 *
 * <p>Not a {@code java.util.Map}: entries live in the kernel, change under us, and iteration is a
 * walk that may see a key twice or miss one that is inserted meanwhile.
 */
public final class BpfMap implements AutoCloseable {
    public static final int UPDATE_ANY = BpfCalls.BPF_ANY, UPDATE_NOEXIST = BpfCalls.BPF_NOEXIST, UPDATE_EXIST = BpfCalls.BPF_EXIST;
    public static final int F_RDONLY = BpfCalls.BPF_F_RDONLY;

    private final Fd fd;
    private final int type;
    private final int id;
    private final int keySize;
    private final int valueSize;
    private final int maxEntries;
    private final String what;
    private final int btfId;
    private final int btfKeyTypeId;
    private final int btfValueTypeId;
    private final int btfVmlinuxValueTypeId;

    private BpfMap(Fd fd) {
        this.fd = fd;
        NativeBuffer b = NativeBuffer.allocate(MapInfo.SIZE);
        try {
            BpfCalls.objGetInfo(fd.raw(), b, fd.what());
        } catch (RuntimeException e) {
            fd.close();
            throw e;
        }
        this.type = b.getInt(0);
        this.id = b.getInt(4);
        this.keySize = b.getInt(8);
        this.valueSize = b.getInt(12);
        this.maxEntries = b.getInt(16);
        this.btfVmlinuxValueTypeId = b.getInt(44);
        this.btfId = b.getInt(64);
        this.btfKeyTypeId = b.getInt(68);
        this.btfValueTypeId = b.getInt(72);
        String name = b.cString(24, 16);
        this.what = "map " + Integer.toUnsignedString(id) + (name.isEmpty() ? "" : " (" + name + ")");
    }

    /** Takes ownership of an fd that refers to a map. */
    public static BpfMap adopt(Fd fd) { return new BpfMap(fd); }

    public static BpfMap openById(MapId id) { return openById(id, 0); }

    public static BpfMap openById(MapId id, int openFlags) {
        return new BpfMap(BpfObjects.openById(BpfObjects.Kind.MAP, id.value(), openFlags));
    }

    public static BpfMap openPinned(String path) { return openPinned(path, 0); }

    public static BpfMap openPinned(String path, int fileFlags) {
        return new BpfMap(BpfObjects.openPinned(path, BpfObjects.Kind.MAP, fileFlags));
    }

    /** Parameters of a new map. */
    public record CreateOptions(MapType type, int keySize, int valueSize, int maxEntries, int flags, String name,
                                BpfMap innerMap, int btfFd, int btfKeyTypeId, int btfValueTypeId, long mapExtra) {
        public static CreateOptions of(MapType type, int keySize, int valueSize, int maxEntries, int flags, String name) {
            return new CreateOptions(type, keySize, valueSize, maxEntries, flags, name, null, 0, 0, 0, 0);
        }
    }

    public static BpfMap create(CreateOptions o) {
        int fd = BpfCalls.mapCreate(new BpfCalls.MapCreate(o.type().number(), o.keySize(), o.valueSize(), o.maxEntries(),
                o.flags(), o.innerMap() == null ? 0 : o.innerMap().fd.raw(), o.name(), o.btfFd(), o.btfKeyTypeId(),
                o.btfValueTypeId(), o.mapExtra(), 0));
        return new BpfMap(new Fd(fd, "map " + o.name()));
    }

    public Fd fd() { return fd; }

    public MapId id() { return new MapId(id); }

    public int typeNumber() { return type; }

    public MapType type() { return MapType.of(type); }

    public int keySize() { return keySize; }

    public int valueSize() { return valueSize; }

    public int maxEntries() { return maxEntries; }

    /** True for per-CPU map types. */
    public boolean perCpu() {
        MapType t = type();
        return t != null && t.perCpu();
    }

    /** Bytes of one value as user space sees it: per-CPU values are round_up(value, 8) × possible CPUs. */
    public int valueBufferSize() {
        return perCpu() ? ((valueSize + 7) & ~7) * PossibleCpus.count() : valueSize;
    }

    /** The map's BTF object id, 0 when it has none. */
    public int btfId() { return btfId; }

    /** BTF type id of the key in {@link #btfId()}'s object (0: none). */
    public int btfKeyTypeId() { return btfKeyTypeId; }

    /** BTF type id of the value (0: none). */
    public int btfValueTypeId() { return btfValueTypeId; }

    /** For struct_ops maps: the value's type id in vmlinux BTF (0: none). */
    public int btfVmlinuxValueTypeId() { return btfVmlinuxValueTypeId; }

    /** For messages: {@code map 42 (name)}. */
    public String describe() { return what; }

    /** The kernel's full view of the map (fdinfo fields included). */
    public MapInfo info() {
        NativeBuffer b = NativeBuffer.allocate(MapInfo.SIZE);
        BpfCalls.objGetInfo(fd.raw(), b, what);
        return MapInfo.decode(b, FdInfo.read(fd.raw()));
    }

    private void checkKey(byte[] key) {
        if (key.length != keySize) throw new IllegalArgumentException("key expected " + keySize + " bytes got " + key.length);
    }

    public Optional<byte[]> lookup(byte[] key) {
        checkKey(key);
        NativeBuffer k = NativeBuffer.of(key);
        NativeBuffer v = NativeBuffer.allocate(valueBufferSize());
        if (!BpfCalls.mapLookup(fd.raw(), k, v, 0, what)) return Optional.empty();
        return Optional.of(v.toArray());
    }

    public void update(byte[] key, byte[] value, int flags) {
        checkKey(key);
        if (value.length != valueBufferSize()) {
            throw new IllegalArgumentException("value expected " + valueBufferSize() + " bytes got " + value.length);
        }
        BpfCalls.mapUpdate(fd.raw(), NativeBuffer.of(key), NativeBuffer.of(value), flags, what);
    }

    /** Deletes a key; false when it was absent. */
    public boolean delete(byte[] key) {
        checkKey(key);
        return BpfCalls.mapDelete(fd.raw(), NativeBuffer.of(key), what);
    }

    /** The key after {@code key} (null: the first key); empty at the end. */
    public Optional<byte[]> nextKey(byte[] key) {
        if (key != null) checkKey(key);
        NativeBuffer next = NativeBuffer.allocate(keySize);
        if (!BpfCalls.mapGetNextKey(fd.raw(), key == null ? null : NativeBuffer.of(key), next, what)) return Optional.empty();
        return Optional.of(next.toArray());
    }

    public void freeze() { BpfCalls.mapFreeze(fd.raw(), what); }

    public void pin(String path) { BpfCalls.objPin(fd.raw(), path, what); }

    /** Writes many entries with MAP_UPDATE_BATCH; keys and values are packed arrays. Returns the count written. */
    public int updateBatch(byte[] keys, byte[] values, int count, int flags) {
        return BpfCalls.mapUpdateBatch(fd.raw(), NativeBuffer.of(keys), NativeBuffer.of(values), count, flags, what);
    }

    /** Deletes many keys (a packed array) with MAP_DELETE_BATCH. Returns the count deleted. */
    public int deleteBatch(byte[] keys, int count) {
        return BpfCalls.mapDeleteBatch(fd.raw(), NativeBuffer.of(keys), count, what);
    }

    /** Receives entries during a walk. The buffers are reused: copy what you keep. */
    public interface EntryVisitor {
        /** One entry: key at {@code keys[keyOff, keyOff+keySize)}, value at {@code values[valueOff, …+valueBufferSize)}. */
        void entry(ByteBuffer keys, int keyOff, ByteBuffer values, int valueOff);

        /**
         * A key whose value could not be read (an errno other than ENOENT). The default rethrows; a
         * dump that prints errors inline, as bpftool does, overrides it and the walk goes on.
         */
        default void error(ByteBuffer keys, int keyOff, KernelException e) { throw e; }

        /**
         * A key the walk found whose value was gone when it was read (ENOENT): deleted meanwhile, or a
         * slot of a map whose keys always exist but may hold nothing (a devmap's, a cpumap's). The
         * default skips it; a dump that shows it, as bpftool does, overrides this.
         */
        default void missing(ByteBuffer keys, int keyOff) { }
    }

    /** How a walk read the map. */
    public enum WalkMethod {
        BATCH("MAP_LOOKUP_BATCH"), NEXT_KEY("MAP_GET_NEXT_KEY + MAP_LOOKUP_ELEM");

        private final String description;

        WalkMethod(String d) { this.description = d; }

        public String description() { return description; }
    }

    /**
     * Visits every entry in the kernel's iteration order, in constant memory: MAP_LOOKUP_BATCH where the
     * map type supports it, else GET_NEXT_KEY + LOOKUP_ELEM. A key whose value is gone when read goes to
     * {@link EntryVisitor#missing} (skipped by default). Returns the method used.
     */
    public WalkMethod walk(EntryVisitor visitor) {
        if (batchCandidate()) {
            try {
                walkBatch(visitor, 4096);
                return WalkMethod.BATCH;
            } catch (BatchUnsupported e) {
                // fall through to the per-element walk
            }
        }
        walkNextKey(visitor);
        return WalkMethod.NEXT_KEY;
    }

    private boolean batchCandidate() {
        MapType t = type();
        if (t == null) return false;
        switch (t) {
            case HASH: case PERCPU_HASH: case LRU_HASH: case LRU_PERCPU_HASH: case ARRAY: case PERCPU_ARRAY:
            case HASH_OF_MAPS:
                return true;
            default:
                return false;
        }
    }

    private static final class BatchUnsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BatchUnsupported() { super(null, null, false, false); }
    }

    /** Maps at least this large are read one batch ahead, on a second thread, while the caller visits. */
    static final int READ_AHEAD_MIN_ENTRIES = 16384;

    private void walkBatch(EntryVisitor visitor, int initialBatch) {
        BatchReader reader = new BatchReader(Math.max(1, Math.min(initialBatch, Math.max(maxEntries, 1))));
        if (maxEntries >= READ_AHEAD_MIN_ENTRIES) {
            walkReadingAhead(reader, visitor);
            return;
        }
        Chunk c = new Chunk();
        do {
            reader.read(c);
            c.visit(visitor, keySize, reader.vsize);
        } while (!c.last);
    }

    /**
     * The kernel's copy of a batch and the caller's formatting of the previous one overlap: a reader
     * thread fills two chunks in turn, the caller visits them in order. A visitor that throws stops the
     * reader before the walk returns (the map's fd is never used after that).
     */
    private void walkReadingAhead(BatchReader reader, EntryVisitor visitor) {
        BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(2), full = new ArrayBlockingQueue<>(2);
        free.add(new Chunk());
        free.add(new Chunk());
        Thread t = new Thread(() -> {
            try {
                Chunk c;
                do {
                    c = free.take();
                    try {
                        reader.read(c);
                    } catch (RuntimeException e) {
                        c.failure = e;
                        c.last = true;
                    }
                    full.put(c);
                } while (!c.last);
            } catch (InterruptedException e) {
                // the caller stopped the walk
            }
        }, "cil-map-walk");
        t.setDaemon(true);
        t.start();
        // like a walk on one thread, an interrupt does not stop it (the caller's visitor decides, e.g.
        // a shell's output that throws after Ctrl-C); the interrupt status is kept for the caller
        boolean interrupted = false;
        try {
            Chunk c;
            do {
                c = null;
                while (c == null) {
                    try {
                        c = full.take();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (c.failure != null) throw c.failure;
                c.visit(visitor, keySize, reader.vsize);
                free.add(c);
            } while (!c.last);
        } finally {
            t.interrupt();
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** One batch of entries as the kernel copied them, in native buffers that grow when a batch must. */
    private static final class Chunk {
        NativeBuffer keys, values;
        int capacity, count;
        boolean last;
        RuntimeException failure;

        void ensure(int batch, int keySize, int vsize) {
            if (capacity >= batch) return;
            keys = NativeBuffer.allocate(batch * keySize);
            values = NativeBuffer.allocate(batch * vsize);
            capacity = batch;
        }

        void visit(EntryVisitor visitor, int keySize, int vsize) {
            ByteBuffer kb = keys.buffer(), vb = values.buffer();
            for (int i = 0; i < count; i++) visitor.entry(kb, i * keySize, vb, i * vsize);
        }
    }

    /** MAP_LOOKUP_BATCH's cursor: one call per {@link #read}, used by one thread at a time. */
    private final class BatchReader {
        final int vsize = valueBufferSize();
        private int batch;
        private NativeBuffer in, out;
        private boolean first = true;

        BatchReader(int batch) {
            this.batch = batch;
            int token = Math.max(keySize, 8);
            in = NativeBuffer.allocate(token);
            out = NativeBuffer.allocate(token);
        }

        void read(Chunk c) {
            while (true) {
                c.ensure(batch, keySize, vsize);
                BpfCalls.BatchResult r;
                try {
                    r = BpfCalls.mapLookupBatch(BpfCmd.MAP_LOOKUP_BATCH, fd.raw(), first ? null : in, out, c.keys, c.values, batch, what);
                } catch (KernelException e) {
                    int errno = e.errnoNumber();
                    if (first && (errno == 524 || errno == 95 || errno == 22)) throw new BatchUnsupported();
                    if (errno == 28) { // ENOSPC: a hash bucket holds more entries than the batch; grow and retry
                        batch *= 2;
                        continue;
                    }
                    throw e;
                }
                c.count = r.count();
                c.last = r.done();
                NativeBuffer t = in;
                in = out;
                out = t;
                first = false;
                return;
            }
        }
    }

    private void walkNextKey(EntryVisitor visitor) {
        int vsize = valueBufferSize();
        NativeBuffer key = NativeBuffer.allocate(keySize);
        NativeBuffer next = NativeBuffer.allocate(keySize);
        NativeBuffer value = NativeBuffer.allocate(vsize);
        boolean first = true;
        while (BpfCalls.mapGetNextKey(fd.raw(), first ? null : key, next, what)) {
            first = false;
            NativeBuffer t = key;
            key = next;
            next = t;
            boolean found;
            try {
                found = BpfCalls.mapLookup(fd.raw(), key, value, 0, what);
            } catch (KernelException e) {
                visitor.error(key.buffer(), 0, e);
                continue;
            }
            if (found) visitor.entry(key.buffer(), 0, value.buffer(), 0);
            else visitor.missing(key.buffer(), 0);
        }
    }

    @Override public void close() { fd.close(); }
}
