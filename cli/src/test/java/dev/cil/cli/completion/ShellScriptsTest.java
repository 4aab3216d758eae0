package dev.cil.cli.completion;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed completion scripts in real bash, zsh and fish: what they complete by themselves
 * (subcommands, options, fixed values) and when and how they ask {@code cil __complete}. Here
 * {@code cil} on PATH is a stand-in that logs its arguments and answers two candidates; the kernel
 * tests run the same scripts against the real cil and real maps.
 */
class ShellScriptsTest {
    Path bin;
    Path log;

    @BeforeEach
    void fakeCil() throws IOException {
        bin = Files.createTempDirectory("cilfake");
        log = bin.resolve("log");
        Path cil = bin.resolve("cil");
        Files.writeString(cil, "#!/bin/sh\necho \"$*\" >> '" + log + "'\n"
                + "case \"$*\" in *'--shell fish'*) printf 'cilfake1\\tid 4\\ncilfake2\\n' ;; *) printf 'cilfake1\\ncilfake2\\n' ;; esac\n");
        Files.setPosixFilePermissions(cil, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void clean() throws IOException {
        try (var s = Files.walk(bin)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    Map<String, String> env() { return Map.of("PATH", bin + ":" + System.getenv("PATH"), "HOME", bin.toString()); }

    String asked() throws IOException { return Files.exists(log) ? Files.readString(log) : ""; }

    List<String> bash(String... words) {
        Sh.Result r = Sh.run(List.of(Sh.need("bash"), "--norc", "--noprofile", "-c", Sh.bashComplete("completions/cil.bash", words)), env());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "the script prints nothing on stderr");
        return r.out().lines().filter(l -> !l.isEmpty()).sorted().toList();
    }

    @Test
    void bashCompletesTheTreeWithoutAskingCil() throws IOException {
        assertEquals(List.of("prog"), bash("cil", "pr"));
        assertEquals(TopLevel.visible(), bash("cil", ""));
        assertEquals(List.of("delete", "dump"), bash("cil", "map", "d"));
        assertEquals(List.of("json", "text"), bash("cil", "-o", ""));
        assertTrue(bash("cil", "map", "dump", "--").containsAll(List.of("--json", "--netns", "--pretty")));
        assertEquals("", asked(), "no JVM started for subcommands and options");
    }

    @Test
    void bashAsksCilForLiveValuesWithTheWordsSoFar() throws IOException {
        assertEquals(List.of("cilfake1", "cilfake2"), bash("cil", "map", "dump", "name", "ci"));
        assertEquals("__complete --shell bash -- map dump name ci\n", asked());
        Files.delete(log);
        assertEquals(List.of("cilfake1", "cilfake2"), bash("cil", "-j", "p", "s", "i", ""), "prefixes and options as the parser reads them");
        assertEquals("__complete --shell bash -- -j p s i \n", asked());
        Files.delete(log);
        bash("cil", "--netns", "");
        assertEquals("__complete --shell bash -- --netns \n", asked(), "namespaces for --netns");
        Files.delete(log);
        bash("cil", "--netns", "pod1", "map", "");
        assertEquals("", asked(), "subcommands of map: no JVM");
    }

    @Test
    void zshRunsTheBashFunctionsThroughBashcompinit() throws Exception {
        Sh.need("zsh");
        Path zdot = Files.createDirectories(bin.resolve("zdot"));
        Files.writeString(zdot.resolve(".zshrc"), "PROMPT='zsh%# '\nfpath=(" + Sh.REPO.resolve("completions") + " $fpath)\n"
                + "autoload -U compinit && compinit -u -d " + zdot.resolve("dump") + "\n");
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("ZDOTDIR", zdot.toString());
        try (Sh.Tmux t = new Sh.Tmux("zsh -i", env)) {
            t.waitFor("zsh#", 10_000);
            t.type("cil pr");
            t.keys("Tab");
            t.waitFor("zsh# cil prog", 10_000);
            t.keys("C-u");
            t.type("cil map dump name c");
            t.keys("Tab");
            t.waitFor("zsh# cil map dump name cilfake", 10_000);
            assertEquals("__complete --shell bash -- map dump name c\n", asked());
        }
    }

    List<String> fish(String line) {
        Sh.Result r = Sh.run(List.of(Sh.need("fish"), "-N", "-c", "source completions/cil.fish; complete -C " + Sh.quote(line)), env());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        return r.out().lines().sorted().toList();
    }

    @Test
    void fishCompletesWithDescriptionsAndAsksCilForLiveValues() throws IOException {
        assertEquals(List.of("prog\tInspect BPF programs (as bpftool prog)"), fish("cil pr"));
        assertTrue(fish("cil map ").contains("dump\tDump every entry of MAP (MAP := id ID | pinned PATH | name NAME)"));
        assertEquals(List.of("json", "text"), fish("cil -o ").stream().map(l -> l.split("\t")[0]).toList());
        assertEquals("", asked());
        assertEquals(List.of("cilfake1\tid 4", "cilfake2"), fish("cil map dump name c"));
        assertEquals("__complete --shell fish -- map dump name c\n", asked());
        Files.delete(log);
        fish("cil --netns ");
        assertEquals("__complete --shell fish -- --netns \n", asked());
    }
}
