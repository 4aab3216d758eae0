package dev.cil.btf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers shared by the btf and elf tests: fixtures, running peer tools, diffing text. */
public final class TestTools {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestTools() { }

    /** The compiled fixture {@code elf/NAME.o} (built from src/test/c by the test-compile phase). */
    public static Path fixture(String name) {
        URL url = TestTools.class.getClassLoader().getResource("elf/" + name + ".o");
        if (url == null) throw new IllegalStateException("fixture elf/" + name + ".o not built (run the test-compile phase)");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every compiled fixture, sorted by name. */
    public static List<Path> fixtures() {
        Path dir = fixture("globals").getParent();
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".o")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A name unique to this run: prefix, pid and a counter. */
    public static String unique(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    /** The result of a finished process. */
    public record Result(int exit, byte[] stdout, String stderr) {
        public String out() { return new String(stdout, StandardCharsets.UTF_8); }

        public Result check(List<String> cmd) {
            if (exit != 0) throw new AssertionError(String.join(" ", cmd) + " exited " + exit + ": " + stderr.strip());
            return this;
        }
    }

    /** Runs a command with a timeout; stdout is kept as bytes. */
    public static Result run(String... cmd) {
        List<String> c = Arrays.asList(cmd);
        ProcessBuilder pb = new ProcessBuilder(c);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timeout: " + String.join(" ", c));
            }
            return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", c) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command and fails unless it exits 0. */
    public static Result runOk(String... cmd) {
        return run(cmd).check(Arrays.asList(cmd));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Extracts one section of an ELF file with llvm-objcopy (an independent reader). */
    public static byte[] elfSection(Path obj, String section, Path tmpDir) {
        Path out = tmpDir.resolve(unique("sec") + ".bin");
        runOk("llvm-objcopy", "--dump-section", section + "=" + out, obj.toString(), tmpDir.resolve(unique("junk") + ".o").toString());
        try {
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A symbol as llvm-readelf prints it. */
    public record ElfSym(int num, long value, long size, String type, String bind, String ndx, String name) { }

    /** The symbol table of an ELF file, read by llvm-readelf (an independent reader). */
    public static List<ElfSym> readelfSymbols(Path obj) {
        List<ElfSym> out = new ArrayList<>();
        for (String line : runOk("llvm-readelf", "-s", "--wide", obj.toString()).out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 7 || !f[0].endsWith(":") || !f[0].substring(0, f[0].length() - 1).chars().allMatch(Character::isDigit)) continue;
            out.add(new ElfSym(Integer.parseInt(f[0].substring(0, f[0].length() - 1)), Long.parseUnsignedLong(f[1], 16),
                    Long.parseLong(f[2]), f[3], f[4], f[6], f.length > 7 ? f[7] : ""));
        }
        return out;
    }

    /** A section header as llvm-readelf prints it. */
    public record ElfSec(int index, String name, String type, long offset, long size, long entsize, String flags, int link, int info) { }

    /** The section headers of an ELF file, read by llvm-readelf. */
    public static List<ElfSec> readelfSections(Path obj) {
        List<ElfSec> out = new ArrayList<>();
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "^\\s*\\[\\s*(\\d+)\\]\\s+(.*?)\\s+(\\S+)\\s+[0-9a-f]{16}\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s+(\\S*)\\s+(\\d+)\\s+(\\d+)\\s+\\d+$");
        for (String line : runOk("llvm-readelf", "-S", "--wide", obj.toString()).out().split("\n")) {
            java.util.regex.Matcher m = p.matcher(line);
            if (!m.matches()) continue;
            out.add(new ElfSec(Integer.parseInt(m.group(1)), m.group(2).trim(), m.group(3), Long.parseLong(m.group(4), 16),
                    Long.parseLong(m.group(5), 16), Long.parseLong(m.group(6), 16), m.group(7).trim(),
                    Integer.parseInt(m.group(8)), Integer.parseInt(m.group(9))));
        }
        return out;
    }

    /** Fails with the first differing line (and its neighbours) when two texts differ. */
    public static void assertSameText(String expected, String actual, String what) {
        if (expected.equals(actual)) return;
        String[] e = expected.split("\n", -1), a = actual.split("\n", -1);
        int n = Math.min(e.length, a.length);
        int i = 0;
        while (i < n && e[i].equals(a[i])) i++;
        List<String> ctx = new ArrayList<>();
        for (int k = Math.max(0, i - 2); k < Math.min(n, i + 3); k++) {
            ctx.add((k == i ? ">" : " ") + " expected: " + (k < e.length ? e[k] : "<none>"));
            ctx.add((k == i ? ">" : " ") + " actual:   " + (k < a.length ? a[k] : "<none>"));
        }
        throw new AssertionError(what + ": first difference at line " + (i + 1) + " (expected " + e.length + " lines, got "
                + a.length + ")\n" + String.join("\n", ctx));
    }
}
