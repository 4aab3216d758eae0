package dev.cil.bpf;

import dev.cil.error.KernelException;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pinned paths of every object of a kind, found by walking each mounted bpffs, as bpftool's
 * {@code -f} does. Unreadable entries are skipped.
 */
public final class PinnedObjects {
    private PinnedObjects() { }

    /** Mount points of every bpffs, from {@code /proc/mounts}. */
    public static List<String> bpffsMounts() {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[2].equals("bpf")) out.add(f[1].replace("\\040", " "));
            }
        } catch (IOException e) {
            // no /proc: nothing pinned that we can see
        }
        return new ArrayList<>(out);
    }

    /** Object id → pinned paths (in walk order), for objects of {@code kind}. */
    public static Map<Integer, List<String>> table(BpfObjects.Kind kind) {
        Map<Integer, List<String>> table = new LinkedHashMap<>();
        for (String mount : bpffsMounts()) {
            try {
                Files.walkFileTree(Path.of(mount), new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() || attrs.isOther()) visit(file.toString(), kind, table);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // skip this mount
            }
        }
        return table;
    }

    private static void visit(String path, BpfObjects.Kind kind, Map<Integer, List<String>> table) {
        int raw;
        try {
            raw = BpfCalls.objGet(path, 0);
        } catch (KernelException e) {
            return;
        }
        try (Fd fd = new Fd(raw, "pin " + path)) {
            String k = FdInfo.objectKind(fd.raw());
            if (k == null || !k.equals(kind.word())) return;
            int size = kind == BpfObjects.Kind.PROG ? ProgramInfo.SIZE : kind == BpfObjects.Kind.MAP ? MapInfo.SIZE
                    : kind == BpfObjects.Kind.LINK ? LinkInfo.SIZE : 32;
            NativeBuffer info = NativeBuffer.allocate(size);
            try {
                BpfCalls.objGetInfo(fd.raw(), info, fd.what());
            } catch (KernelException e) {
                return;
            }
            int id = info.getInt(kind == BpfObjects.Kind.BTF ? 12 : 4);
            table.computeIfAbsent(id, x -> new ArrayList<>()).add(path);
        }
    }
}
