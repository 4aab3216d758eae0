package dev.cil.cli.shell;

import dev.cil.cli.support.Cil;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cil shell < script}: every line runs through the same factory as one-shot cil (compared here
 * with {@link Cil#run}); errors do not stop the script; the exit code is the last failure's.
 */
class ScriptModeTest {
    record Run(int code, String out, String err) { }

    static Run script(String text) throws Exception { return script(text, List.of()); }

    static Run script(String text, List<String> defaults) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Shell.script(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err), defaults);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void eachLineAsOneShotCilRunsIt() throws Exception {
        Cil.Result help = Cil.run("map", "dump", "--help");
        Cil.Result bad = Cil.run("nosuch");
        Run r = script("map dump --help\nnosuch\n");
        assertEquals(help.out() + bad.out(), r.out());
        assertEquals(help.err() + bad.err(), r.err());
        assertEquals(2, r.code(), "the last failure");
        assertEquals(1, bad.err().lines().count(), "one line for a bad command");
    }

    @Test
    void errorsDoNotStopTheScriptAndTheLastFailureCounts() throws Exception {
        Run r = script("nosuch\n$?\nprog --bogus-option\n$?\nhelp map dump\n$?\n");
        assertEquals(List.of("2", "2", "0"), r.out().lines().filter(l -> l.matches("\\d+")).toList());
        assertEquals(2, r.code(), "a later success does not hide the failure");
        assertEquals(2, r.err().lines().count(), r.err());
    }

    @Test
    void exitEndsTheScript() throws Exception {
        Run r = script("exit 3\nnosuch\n");
        assertEquals(3, r.code());
        assertEquals("", r.err(), "nothing after exit ran");
        assertEquals(0, script("# nothing\n\n   \nexit\n").code());
        assertEquals(2, script("nosuch\nexit\n").code());
        Run bad = script("exit x\n");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("cil: exit: 'x' is not a number"), bad.err());
    }

    @Test
    void aLeadingCilAndQuotesAreTakenAsAShellWould() throws Exception {
        assertEquals(Cil.run("prog", "show", "--help").out(), script("cil prog show --help\n").out());
        Run r = script("map dump name 'unterminated\n");
        assertEquals("cil: unterminated quote (')\n", r.err());
        assertEquals(2, r.code());
    }

    @Test
    void helpListsCommandsAndTheShellsOwnWords() throws Exception {
        Run r = script("help\n");
        assertTrue(r.out().startsWith(Cil.run("--help").out()), r.out());
        assertTrue(r.out().contains("In the shell:") && r.out().contains("Ctrl-R"), r.out());
        assertEquals(0, r.code());
        assertFalse(script("shell\n").err().isEmpty(), "no shell inside the shell");
    }

    @Test
    void outputPipesToAProgram() throws Exception {
        // the program writes to the process's stdout, not to our writer: count what it saw instead
        java.nio.file.Path f = java.nio.file.Files.createTempFile("cilpipe", ".txt");
        try {
            Run r = script("map dump --help | wc -l > " + f + "\n");
            assertEquals(0, r.code(), r.err());
            long lines = Cil.run("map", "dump", "--help").out().lines().count();
            assertEquals(Long.toString(lines), java.nio.file.Files.readString(f).trim());
            Run early = script("map dump --help | head -c 1 > /dev/null\n");
            assertEquals(0, early.code(), "a program that stops reading is no error: " + early.err());
            assertEquals("", early.err());
            assertEquals(1, script("map dump --help | false\n").code(), "the program's failure counts");
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    @Test
    void theShellsGlobalOptionsApplyToEveryLineThatDoesNotSetThem() throws Exception {
        assertEquals(List.of("--netns", "pod1", "-j", "prog", "show"),
                LineRunner.withDefaults(List.of("--netns", "pod1", "-j"), List.of("prog", "show")));
        assertEquals(List.of("-j", "--netns=pod2", "prog", "show"),
                LineRunner.withDefaults(List.of("--netns", "pod1", "-j"), List.of("--netns=pod2", "prog", "show")));
        assertEquals(List.of("-j", "prog", "--netns", "pod2"),
                LineRunner.withDefaults(List.of("--netns", "pod1", "-j"), List.of("prog", "--netns", "pod2")));
        String ns = "cilnosuchns" + ProcessHandle.current().pid();
        Run r = script("prog show\n--netns " + ns + "x prog show\n", List.of("--netns", ns));
        List<String> errs = r.err().lines().toList();
        assertEquals(2, errs.size(), r.err());
        assertTrue(errs.get(0).contains(ns) && !errs.get(0).contains(ns + "x"), errs.get(0));
        assertTrue(errs.get(1).contains(ns + "x"), "the line's own --netns wins: " + errs.get(1));
        assertEquals(List.of("--netns", "pod1"), ShellCommand.defaults(globals("--netns", "pod1", "shell")));
        assertEquals(List.of("-p", "-f", "--debug"), ShellCommand.defaults(globals("-p", "-f", "--debug", "shell")));
        assertEquals(List.of("-j"), ShellCommand.defaults(globals("-o", "json", "shell")));
    }

    static dev.cil.cli.GlobalOptions globals(String... args) {
        picocli.CommandLine cl = dev.cil.cli.CommandLineFactory.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        cl.parseArgs(args);
        return ((dev.cil.cli.CilCommand) cl.getCommand()).global();
    }

    @Test
    void linesShareOneTreeAndNothingLeaksFromOneLineToTheNext() throws Exception {
        assertEquals(List.of(), LineRunner.unresettable(dev.cil.cli.completion.GeneratedFiles.model()),
                "options picocli cannot reset (setter methods): give them a field, or cil shell builds a tree per line");
        String ns = "cilnosuchns" + ProcessHandle.current().pid();
        Run r = script("-j nosuch\nnosuch\n-p map show name zz\n--netns " + ns + " map show name zz\nmap show name zz\n"
                + "-f -o json --debug map show name zz\nmap show name zz\n");
        List<String> out = r.out().lines().toList();
        List<String> err = r.err().lines().filter(l -> l.startsWith("cil: ")).toList();
        assertTrue(out.get(0).startsWith("{\"error\":"), "JSON for -j: " + r.out());
        assertTrue(err.get(0).startsWith("cil: Unmatched argument"), "text again without -j: " + r.err());
        assertTrue(out.get(1).startsWith("{\"error\":") || out.get(1).startsWith("{"), "JSON for -p: " + r.out());
        assertTrue(err.get(1).contains(ns), "the namespace of its own line: " + r.err());
        assertFalse(err.get(2).contains(ns), "no namespace on the next line: " + r.err());
        assertEquals(3, out.size(), "the -o json line in JSON, the last one in text again: " + r.out());
        List<String> all = r.err().lines().toList();
        assertTrue(all.stream().anyMatch(l -> l.startsWith("\tat ")), "--debug prints a stack trace on its line");
        assertEquals(err.get(3), all.get(all.size() - 1), "and only there: " + r.err());
    }

    @Test
    void aStoppedCommandsOutputStopsIt() {
        LineRunner.Cancel c = new LineRunner.Cancel();
        StringWriter sink = new StringWriter();
        LineRunner.Guarded out = new LineRunner.Guarded(sink, c, false);
        LineRunner.Guarded err = new LineRunner.Guarded(sink, c, true);
        PrintWriter pw = new PrintWriter(out);
        pw.print("before");
        pw.flush();
        c.request();
        org.junit.jupiter.api.Assertions.assertThrows(LineRunner.Stopped.class, () -> pw.print("after"));
        new PrintWriter(err, true).println("cil: interrupted");
        assertEquals("before", sink.toString(), "the error writer goes quiet");
        assertEquals(LineRunner.INTERRUPTED, new LineRunner.Stopped("x").exitCode());
        c.request();
        assertTrue(c.abandoned, "a second Ctrl-C abandons the command");
    }
}
