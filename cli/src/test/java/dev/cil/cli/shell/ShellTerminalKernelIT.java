package dev.cil.cli.shell;

import dev.cil.cli.completion.Sh;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Fixtures;
import dev.cil.cli.support.Peers;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cil shell} (the packaged jar) driven through a real pseudo-terminal by tmux: Tab completes
 * a map the test created and lists program ids, a bad command prints one line and the prompt
 * comes back with its exit code, Ctrl-C drops the line, history lands in $HOME/.cil_history, colour
 * follows NO_COLOR, and exit ends the process with the asked code.
 */
@KernelTest
class ShellTerminalKernelIT {
    static Scratch s;
    static String map;
    static int progId;
    static Path home;

    @BeforeAll
    static void objects(Scratch scratch) throws IOException {
        s = scratch;
        map = s.name("shq");
        Peers.bpftool("map", "create", s.pin(map), "type", "array", "key", "4", "value", "4", "entries", "2", "name", map).ok();
        String prog = s.name("shp");
        Fixtures.loadSocketFilterWithLibrary(prog, s.pin(prog));
        progId = Fixtures.idOfPinned("prog", s.pin(prog));
        home = Files.createTempDirectory("cilhome");
    }

    @AfterAll
    static void clean() throws IOException {
        if (home == null) return;
        try (var st = Files.walk(home)) {
            for (Path p : st.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static Sh.Tmux shell(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "TERM", "xterm-256color"));
        env.putAll(extraEnv);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of("target/cil.jar").toAbsolutePath().toString();
        return new Sh.Tmux("'" + java + "' -jar '" + jar + "' shell; echo EXITED=$?; sleep 60", env);
    }

    /** Waits until the last line is the prompt {@code p} (tmux drops its trailing space) below at least {@code min} lines. */
    static String prompt(Sh.Tmux t, String p, int min) {
        return t.waitUntil(sc -> {
            List<String> l = lines(sc);
            return l.size() >= min && l.get(l.size() - 1).equals(p);
        }, "the prompt '" + p + "'", 15_000);
    }

    /** The lines of the screen, without the empty ones at the bottom. */
    static List<String> lines(String screen) {
        List<String> l = new java.util.ArrayList<>(screen.lines().toList());
        while (!l.isEmpty() && l.get(l.size() - 1).isBlank()) l.remove(l.size() - 1);
        return l;
    }

    @Test
    void completionErrorsHistoryAndExit() throws IOException {
        try (Sh.Tmux t = shell(Map.of())) {
            t.waitFor("cil>", 20_000);

            // a map name: the full name from a prefix, and in the list after "cil" + Tab Tab
            t.type("map dump name " + map.substring(0, map.length() - 1));
            t.keys("Tab");
            t.waitFor("cil> map dump name " + map, 10_000);
            t.keys("C-u");
            t.type("map dump name cil");
            t.keys("Tab");
            Sh.Tmux.sleep(500);
            t.keys("Tab");
            t.waitFor(map, 10_000);
            t.keys("C-c");   // drops the line, and the list with it
            prompt(t, "cil>", 1);

            // program ids listed after "prog show id "
            t.type("prog show id ");
            t.keys("Tab");
            // the list of every program's id (with its type), or, when ours is the machine's only program, its id inserted
            String listed = t.waitUntil(sc -> sc.contains("possibilities") || sc.matches("(?s).*\\b" + progId + "\\b.*socket_filter.*")
                    || sc.matches("(?s).*cil> prog show id " + progId + "\\b.*"), "the id list", 10_000);
            if (listed.contains("possibilities")) {
                t.keys("y");
                t.waitFor(Integer.toString(progId), 10_000);
            }
            t.keys("C-c");
            Sh.Tmux.sleep(300);
            t.keys("C-l");

            // a bad command: one line, then the prompt with its exit code
            t.type("nosuchcmd");
            t.keys("Enter");
            String sc = prompt(t, "cil [2]>", 3);
            List<String> l = lines(sc);
            int at = l.indexOf("cil> nosuchcmd");
            assertTrue(at >= 0, sc);
            assertEquals(List.of("cil: Unmatched argument at index 0: 'nosuchcmd' (see 'cil --help')", "cil [2]>"),
                    l.subList(at + 1, l.size()), "one line, then the prompt");

            // a real command prints what one-shot cil prints
            t.keys("C-l");
            t.type("map show name " + map);
            t.keys("Enter");
            String expected = Cil.run("map", "show", "name", map).ok().out();
            sc = prompt(t, "cil>", 3);
            String shown = String.join("\n", lines(sc)).replace("\t", "        ");
            for (String line : expected.lines().toList()) {
                assertTrue(shown.contains(line.replace("\t", "        ").stripTrailing()), line + "\n" + sc);
            }

            t.type("$?");
            t.keys("Enter");
            t.waitFor("$?\n0\ncil>", 10_000);
            t.type("exit 7");
            t.keys("Enter");
            t.waitFor("EXITED=7", 10_000);
        }
        List<String> history = Files.readAllLines(home.resolve(".cil_history"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve(".cil_history"))), "history is private");
        assertTrue(history.stream().anyMatch(h -> h.endsWith(":nosuchcmd")), history.toString());
        assertTrue(history.stream().anyMatch(h -> h.endsWith(":map show name " + map)), history.toString());
        assertFalse(history.stream().anyMatch(h -> h.contains("prog show id")), "a dropped line is not history");
    }

    @Test
    void historySearchAndCtrlD() {
        try (Sh.Tmux t = shell(Map.of())) {
            t.waitFor("cil>", 20_000);
            t.type("map show name " + map);
            t.keys("Enter");
            prompt(t, "cil>", 3);
            t.keys("C-l");
            t.keys("C-r");
            t.type("show name");
            t.waitFor("map show name " + map, 10_000);
            t.keys("C-g");   // leave the search
            t.keys("C-u");
            t.keys("C-d");
            t.waitFor("EXITED=0", 10_000);
        }
    }

    @Test
    void colourOnlyWithoutNoColor() {
        String coloured, plain;
        try (Sh.Tmux t = shell(Map.of())) {
            t.waitFor("cil>", 20_000);
            coloured = Sh.run(List.of("tmux", "capture-pane", "-p", "-e", "-t", t.name), Map.of()).out();
        }
        try (Sh.Tmux t = shell(Map.of("NO_COLOR", "1"))) {
            t.waitFor("cil>", 20_000);
            plain = Sh.run(List.of("tmux", "capture-pane", "-p", "-e", "-t", t.name), Map.of()).out();
        }
        assertTrue(coloured.contains("\u001b["), "a styled prompt on a terminal");
        assertFalse(plain.contains("\u001b["), "no escape sequence with NO_COLOR:\n" + plain);
    }
}
