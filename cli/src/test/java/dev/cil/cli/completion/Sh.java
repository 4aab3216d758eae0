package dev.cil.cli.completion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the shells the completion tests drive, and tmux for the interactive ones. */
public final class Sh {
    private Sh() { }

    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    public record Result(int code, String out, String err) { }

    public static Result run(List<String> cmd, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(REPO.toFile());
            pb.environment().putAll(env);
            Path err = Files.createTempFile("cilsh", ".err");
            try {
                Process p = pb.redirectError(err.toFile()).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + cmd);
                }
                return new Result(p.exitValue(), out, Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A program the tests need: a clear failure when it is missing (install.sh --test installs it). */
    public static String need(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) return Path.of(dir, program).toString();
        }
        throw new AssertionError(program + " is not installed: ./install.sh --test installs it (apt-get install " + program + ")");
    }

    /**
     * The bash function that asks COMP_WORDS of the real completion function: prints COMPREPLY one per
     * line. compopt only works inside a completion bash started itself, so it is a no-op here.
     */
    public static String bashComplete(String script, String... words) {
        StringBuilder b = new StringBuilder("source ").append(quote(script)).append("\ncompopt() { :; }\n");
        b.append("COMP_WORDS=(");
        for (String w : words) b.append(quote(w)).append(' ');
        b.append(")\nCOMP_CWORD=").append(words.length - 1).append('\n');
        b.append("COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n");
        b.append("_cil_complete cil \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n");
        b.append("printf '%s\\n' \"${COMPREPLY[@]}\"\n");
        return b.toString();
    }

    public static String quote(String s) { return "'" + s.replace("'", "'\\''") + "'"; }

    /** A tmux session for one interactive program; killed by {@link #close}. */
    public static final class Tmux implements AutoCloseable {
        static final java.util.concurrent.atomic.AtomicInteger N = new java.util.concurrent.atomic.AtomicInteger();
        public final String name = "cilt" + ProcessHandle.current().pid() + "x" + N.incrementAndGet();

        public Tmux(String command, Map<String, String> env) {
            need("tmux");
            StringBuilder c = new StringBuilder();
            for (Map.Entry<String, String> e : env.entrySet()) c.append(e.getKey()).append('=').append(quote(e.getValue())).append(' ');
            c.append(command);
            Result r = run(List.of("tmux", "new-session", "-d", "-s", name, "-x", "200", "-y", "50", c.toString()), Map.of());
            if (r.code() != 0) throw new AssertionError("tmux: " + r.err());
        }

        public void keys(String... keys) {
            List<String> cmd = new java.util.ArrayList<>(List.of("tmux", "send-keys", "-t", name));
            cmd.addAll(List.of(keys));
            run(cmd, Map.of());
        }

        /** Types text literally (no key names). */
        public void type(String text) { run(List.of("tmux", "send-keys", "-t", name, "-l", text), Map.of()); }

        public String screen() { return run(List.of("tmux", "capture-pane", "-p", "-t", name), Map.of()).out(); }

        public boolean alive() { return run(List.of("tmux", "has-session", "-t", name), Map.of()).code() == 0; }

        /** Waits until the screen contains {@code text}; returns the screen. */
        public String waitFor(String text, long millis) {
            long end = System.currentTimeMillis() + millis;
            String s = "";
            while (System.currentTimeMillis() < end) {
                s = screen();
                if (s.contains(text)) return s;
                sleep(100);
            }
            throw new AssertionError("'" + text + "' did not appear within " + millis + " ms; the screen:\n" + s);
        }

        /** Waits until the screen satisfies a test; returns it. */
        public String waitUntil(java.util.function.Predicate<String> ok, String what, long millis) {
            long end = System.currentTimeMillis() + millis;
            String s = "";
            while (System.currentTimeMillis() < end) {
                s = screen();
                if (ok.test(s)) return s;
                sleep(100);
            }
            throw new AssertionError(what + " did not happen within " + millis + " ms; the screen:\n" + s);
        }

        public static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() { run(List.of("tmux", "kill-session", "-t", name), Map.of()); }
    }
}
