package dev.cil.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external program (a peer such as bpftool, ip, tc) and captures its output. */
public final class Proc {
    private Proc() { }

    public record Result(int code, String out, String err) {
        public Result ok() {
            if (code != 0) throw new AssertionError("exit " + code + "\nstdout: " + out + "\nstderr: " + err);
            return this;
        }

        /** For a peer that prints its answer but exits non-zero (bpftool 7.5's link show): output, no error text. */
        public Result printed() {
            if (out.isEmpty() || !err.isEmpty()) throw new AssertionError("exit " + code + "\nstdout: " + out + "\nstderr: " + err);
            return this;
        }
    }

    public static Result run(String... cmd) { return run(Arrays.asList(cmd)); }

    public static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread t = new Thread(() -> copy(p.getErrorStream(), err));
            t.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(p.getInputStream(), out);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            t.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Runs a shell command line with bash -c. */
    public static Result sh(String script) { return run("bash", "-c", script); }

    public static List<String> cmd(String... parts) { return new ArrayList<>(Arrays.asList(parts)); }
}
