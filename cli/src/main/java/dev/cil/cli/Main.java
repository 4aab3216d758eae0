package dev.cil.cli;

import dev.cil.internal.sys.Sys;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code cil} executable. The only {@code System.exit} of the project. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        Class<?> group = CommandLineFactory.groupOf(CommandLineFactory.preferBpftoolGroups(args));
        if (group != null && CommandLineFactory.READS_KERNEL.contains(group)) {
            // loading the native backend (~25 ms) overlaps building and parsing the command line
            Thread t = new Thread(Sys::warmUp, "cil-native-warm-up");
            t.setDaemon(true);
            t.start();
        }
        int code = CommandLineFactory.run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
