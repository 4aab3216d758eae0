package dev.cil.bpf;

import dev.cil.error.KernelException;
import dev.cil.error.NoSuchObjectException;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.BpfCmd;
import dev.cil.internal.sys.Fd;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks every BPF object of a kind on the machine by id (the *_GET_NEXT_ID commands), and opens
 * objects by id. A walk tolerates a kernel that changes under it: an object that vanishes between
 * "next id" and "open" is skipped, as bpftool does.
 */
public final class BpfObjects {
    private BpfObjects() { }

    /** Kinds of BPF objects, with their walk and open commands. */
    public enum Kind {
        PROG(BpfCmd.PROG_GET_NEXT_ID, BpfCmd.PROG_GET_FD_BY_ID, "prog"),
        MAP(BpfCmd.MAP_GET_NEXT_ID, BpfCmd.MAP_GET_FD_BY_ID, "map"),
        LINK(BpfCmd.LINK_GET_NEXT_ID, BpfCmd.LINK_GET_FD_BY_ID, "link"),
        BTF(BpfCmd.BTF_GET_NEXT_ID, BpfCmd.BTF_GET_FD_BY_ID, "btf");

        final BpfCmd next;
        final BpfCmd open;
        final String word;

        Kind(BpfCmd next, BpfCmd open, String word) {
            this.next = next;
            this.open = open;
            this.word = word;
        }

        /** The word used in messages ({@code prog}, {@code map}, …). */
        public String word() { return word; }
    }

    /** All ids of a kind, ascending. */
    public static List<Integer> ids(Kind kind) {
        List<Integer> ids = new ArrayList<>();
        int id = 0;
        while ((id = BpfCalls.getNextId(kind.next, id)) != 0) ids.add(id);
        return ids;
    }

    /** Opens an object of a kind by id. */
    public interface Opener<T extends AutoCloseable> {
        T open(int id);
    }

    /** Receives each open object; it is closed after the call. */
    public interface Visitor<T> {
        void visit(T object);
    }

    /**
     * Opens every object of {@code kind} in id order, hands it to {@code visitor} and closes it. Objects
     * that vanish between the id walk and the open are skipped, as bpftool does.
     */
    public static <T extends AutoCloseable> void forEach(Kind kind, Opener<T> opener, Visitor<T> visitor) {
        for (int id : ids(kind)) {
            T object;
            try {
                object = opener.open(id);
            } catch (NoSuchObjectException e) {
                continue;
            }
            try {
                visitor.visit(object);
            } finally {
                try {
                    object.close();
                } catch (Exception e) {
                    // closing an fd we own only fails if it is closed already
                }
            }
        }
    }

    /** The next id after {@code start}, 0 at the end. */
    public static int nextId(Kind kind, int start) { return BpfCalls.getNextId(kind.next, start); }

    /** Opens an object by id; {@link NoSuchObjectException} when it does not exist. */
    public static Fd openById(Kind kind, int id, int openFlags) {
        return new Fd(BpfCalls.getFdById(kind.open, id, openFlags, kind.word), kind.word + " " + Integer.toUnsignedString(id));
    }

    /** Opens an object by id, or null when it vanished. */
    static Fd openByIdIfExists(Kind kind, int id) {
        try {
            return openById(kind, id, 0);
        } catch (NoSuchObjectException e) {
            return null;
        }
    }

    /**
     * Opens a pinned object and checks its kind. Throws {@link NoSuchObjectException} (ENOENT), a
     * KernelException for other errnos (a path outside bpffs gives EPERM/EACCES/EINVAL), or
     * {@link WrongObjectTypeException} when the pin holds another kind of object.
     */
    public static Fd openPinned(String path, Kind expected, int fileFlags) {
        Fd fd = new Fd(BpfCalls.objGet(path, fileFlags), expected.word + " pinned at " + path);
        String kind = FdInfo.objectKind(fd.raw());
        if (kind == null || !kind.equals(expected.word)) {
            fd.close();
            throw new WrongObjectTypeException(path, expected.word, kind == null ? "unknown" : kind);
        }
        return fd;
    }

    /** The kind of object pinned at {@code path}: {@code prog}, {@code map}, {@code link}, or null. */
    public static String pinnedKind(String path) {
        try (Fd fd = new Fd(BpfCalls.objGet(path, 0), "pin " + path)) {
            return FdInfo.objectKind(fd.raw());
        } catch (KernelException e) {
            return null;
        }
    }
}
