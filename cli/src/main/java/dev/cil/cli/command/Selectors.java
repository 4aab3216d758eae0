package dev.cil.cli.command;

import dev.cil.bpf.BpfLink;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.BpfObjects;
import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.LinkId;
import dev.cil.bpf.MapId;
import dev.cil.bpf.MapInfo;
import dev.cil.bpf.ProgramId;
import dev.cil.bpf.ProgramInfo;
import dev.cil.bpf.WrongObjectTypeException;
import dev.cil.cli.CilException;
import dev.cil.error.KernelException;
import dev.cil.error.NoSuchObjectException;
import dev.cil.error.PermissionException;
import dev.cil.internal.sys.Fd;

import java.util.ArrayList;
import java.util.List;

/**
 * bpftool's object selectors, defined once: {@code PROG := id N | pinned PATH | tag TAG | name NAME},
 * {@code MAP := id N | pinned PATH | name NAME}, {@code LINK := id N | pinned PATH}. Each resolves to
 * open objects the caller owns, or fails with one line that names what was not found.
 */
public final class Selectors {
    private Selectors() { }

    public static final String PROG_SPEC = "id ID | pinned PATH | tag TAG | name NAME";
    public static final String MAP_SPEC = "id ID | pinned PATH | name NAME";
    public static final String LINK_SPEC = "id ID | pinned PATH";

    /** Opens the programs a selector names (several for tag and name). */
    public static List<BpfProgram> programs(Args a) {
        if (a.accept("id")) {
            int id = Args.parseId(a.valueOf("id"));
            try {
                return List.of(BpfProgram.openById(new ProgramId(id)));
            } catch (NoSuchObjectException e) {
                throw CilException.failure("no program with id " + Integer.toUnsignedString(id));
            }
        } else if (a.accept("pinned")) {
            String path = a.valueOf("pinned");
            return List.of(pinned(path, "program", () -> BpfProgram.openPinned(path)));
        } else if (a.accept("tag")) {
            String tag = a.valueOf("tag").toLowerCase(java.util.Locale.ROOT);
            if (!tag.matches("[0-9a-f]{16}")) throw CilException.usage("can't parse tag '" + tag + "' (16 hex digits)");
            return matchPrograms(info -> info.tagHex().equals(tag), "with tag " + tag);
        } else if (a.accept("name")) {
            String name = a.valueOf("name");
            if (name.length() > 127) throw CilException.usage("can't parse name (longer than 127 characters)");
            return matchPrograms(info -> info.fullName().equals(name), "named " + name);
        }
        throw expected(a, "'id', 'tag', 'name' or 'pinned'");
    }

    private static CilException expected(Args a, String what) {
        return a.hasNext() ? CilException.usage("expected " + what + ", got: '" + a.peek() + "'")
                : CilException.usage("expected " + what);
    }

    /** Opens a pinned object, turning each way it can fail into one clear line. */
    public static <T> T pinned(String path, String kind, java.util.function.Supplier<T> opener) {
        try {
            return opener.get();
        } catch (WrongObjectTypeException e) {
            throw CilException.failure(path + " is a pinned " + kindWord(e.actual()) + ", not a " + kind);
        } catch (NoSuchObjectException e) {
            throw CilException.failure("nothing pinned at " + path);
        } catch (KernelException e) {
            int errno = e.errnoNumber();
            if (errno == 22 || errno == 13 || errno == 1 || errno == 20) {
                if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(path))) {
                    throw CilException.failure(path + " is a directory, not a pinned BPF object");
                }
                if (!onBpffs(path)) throw CilException.failure(path + " is not in a bpf file system");
                if (e instanceof PermissionException) throw e;
                throw CilException.failure(path + " is not a pinned BPF object");
            }
            throw e;
        }
    }

    private static boolean onBpffs(String path) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(path);
            java.nio.file.Path existing = java.nio.file.Files.exists(p) ? p : p.getParent();
            return existing != null && "bpf".equals(java.nio.file.Files.getFileStore(existing).type());
        } catch (java.io.IOException | RuntimeException ex) {
            return false;
        }
    }

    private static String kindWord(String k) {
        switch (k) {
            case "prog": return "program";
            case "map": return "map";
            case "link": return "link";
            default: return "object of unknown type";
        }
    }

    private interface ProgMatch { boolean test(ProgramInfo info); }

    private static List<BpfProgram> matchPrograms(ProgMatch m, String what) {
        List<BpfProgram> out = new ArrayList<>();
        try {
            BpfObjects.forEach(BpfObjects.Kind.PROG, id -> BpfProgram.openById(new ProgramId(id)), p -> {
                if (m.test(p.info())) out.add(BpfProgram.adopt(p.fd().dup()));
            });
        } catch (RuntimeException e) {
            out.forEach(BpfProgram::close);
            throw e;
        }
        if (out.isEmpty()) throw CilException.failure("no program " + what);
        return out;
    }

    /** Opens the maps a selector names (several for name). */
    public static List<BpfMap> maps(Args a, int openFlags) {
        if (a.accept("id")) {
            int id = Args.parseId(a.valueOf("id"));
            try {
                return List.of(BpfMap.openById(new MapId(id), openFlags));
            } catch (NoSuchObjectException e) {
                throw CilException.failure("no map with id " + Integer.toUnsignedString(id));
            }
        } else if (a.accept("pinned")) {
            String path = a.valueOf("pinned");
            return List.of(pinned(path, "map", () -> BpfMap.openPinned(path, openFlags)));
        } else if (a.accept("name")) {
            String name = a.valueOf("name");
            if (name.length() > 15) throw CilException.usage("can't parse name '" + name + "' (map names have at most 15 characters)");
            List<BpfMap> out = new ArrayList<>();
            try {
                BpfObjects.forEach(BpfObjects.Kind.MAP, id -> BpfMap.openById(new MapId(id), openFlags), m -> {
                    if (m.info().name().equals(name)) out.add(BpfMap.adopt(m.fd().dup()));
                });
            } catch (RuntimeException e) {
                out.forEach(BpfMap::close);
                throw e;
            }
            if (out.isEmpty()) throw CilException.failure("no map named " + name);
            return out;
        }
        throw expected(a, "'id', 'name' or 'pinned'");
    }

    /** Exactly one map: several matches of a name is an error. */
    public static BpfMap map(Args a, int openFlags) {
        List<BpfMap> maps = maps(a, openFlags);
        if (maps.size() > 1) {
            List<String> ids = new ArrayList<>();
            for (BpfMap m : maps) {
                ids.add(m.id().toString());
                m.close();
            }
            throw CilException.failure("several maps match this handle (ids " + String.join(", ", ids) + "): use 'id ID'");
        }
        return maps.get(0);
    }

    /** Opens the link a selector names. */
    public static BpfLink link(Args a) {
        if (a.accept("id")) {
            int id = Args.parseId(a.valueOf("id"));
            try {
                return BpfLink.openById(new LinkId(id));
            } catch (NoSuchObjectException e) {
                throw CilException.failure("no link with id " + Integer.toUnsignedString(id));
            }
        } else if (a.accept("pinned")) {
            String path = a.valueOf("pinned");
            return pinned(path, "link", () -> BpfLink.openPinned(path));
        }
        throw expected(a, "'id' or 'pinned'");
    }

    /** Closes what a caller opened, keeping the first failure. */
    public static void closeAll(List<? extends AutoCloseable> objects) {
        for (AutoCloseable c : objects) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing an fd fails only if it is already closed
            }
        }
    }

    /** Fd helper for commands that hold raw fds. */
    public static void close(Fd fd) { if (fd != null) fd.close(); }
}
