package dev.cil.cli.support;

import dev.cil.cli.CommandLineFactory;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs cil in-process through the same factory as Main, capturing stdout, stderr and the exit code. */
public final class Cil {
    private Cil() { }

    public record Result(int code, String out, String err) {
        public Result ok() {
            if (code != 0) throw new AssertionError("cil exited " + code + "\nstdout: " + out + "\nstderr: " + err);
            return this;
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = CommandLineFactory.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
