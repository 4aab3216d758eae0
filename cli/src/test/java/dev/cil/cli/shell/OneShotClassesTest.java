package dev.cil.cli.shell;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One-shot commands stay fast: they load picocli's model of every command, but neither jline nor
 * the completion engine nor the shell. Checked on the class-load log of a fresh JVM.
 */
class OneShotClassesTest {
    static List<String> loaded(String... args) throws Exception {
        Path log = Files.createTempFile("cilclasses", ".log");
        try {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), "dev.cil.cli.Main"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            List<String> classes = new ArrayList<>();
            for (String l : Files.readAllLines(log)) {
                int i = l.indexOf("] ");
                String rest = i < 0 ? l : l.substring(i + 2);
                int sp = rest.indexOf(' ');
                classes.add(sp < 0 ? rest : rest.substring(0, sp));
            }
            return classes;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static List<String> heavy(List<String> classes) {
        return classes.stream().filter(c -> c.startsWith("org.jline.") || c.startsWith("org.fusesource.")
                || c.startsWith("dev.cil.cli.completion.") && !c.equals("dev.cil.cli.completion.CompleteCommand")
                || c.startsWith("dev.cil.cli.shell.") && !c.equals("dev.cil.cli.shell.ShellCommand")).toList();
    }

    @Test
    void oneShotCommandsLoadNoShellOrCompletionClasses() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"prog", "show"}, new String[] {"map", "dump", "name", "x"})) {
            List<String> classes = loaded(args);
            assertTrue(classes.contains("dev.cil.cli.Main") && classes.contains("dev.cil.cli.shell.ShellCommand"),
                    "the log is read: " + classes.size() + " classes");
            assertEquals(List.of(), heavy(classes), String.join(" ", args));
        }
    }

    @Test
    void scriptModeAndCompletionNeedNoJline() throws Exception {
        List<String> script = loaded("shell");   // stdin is /dev/null: a script
        assertTrue(script.contains("dev.cil.cli.shell.LineRunner"), "the shell ran");
        assertEquals(List.of(), script.stream().filter(c -> c.startsWith("org.jline.")).toList());
        List<String> complete = loaded("__complete", "--", "pr");
        assertTrue(complete.contains("dev.cil.cli.completion.CompletionEngine"), "completion ran");
        assertEquals(List.of(), complete.stream().filter(c -> c.startsWith("org.jline.") || c.startsWith("dev.cil.cli.shell.")
                && !c.equals("dev.cil.cli.shell.ShellCommand")).toList());
    }
}
