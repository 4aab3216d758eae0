package dev.cil.cli.completion;

import dev.cil.cli.ExitCodes;
import dev.cil.cli.support.Cil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed completions and man pages are what the current command model generates. On drift
 * this test fails with the command that regenerates them; run with {@code -Dcil.regenerate=true} it
 * writes them first (see completions/README.md).
 */
class GeneratedFilesTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final String HINT = "regenerate with: mvn -q -pl cli -am test -Dtest=GeneratedFilesTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dcil.regenerate=true (then review and commit the diff)";

    @BeforeAll
    static void regenerateWhenAsked() throws IOException {
        if (Boolean.getBoolean("cil.regenerate")) GeneratedFiles.write(REPO);
    }

    @Test
    void completionsAndGeneratedManSectionsMatchTheModel() throws IOException {
        Map<String, String> gen = GeneratedFiles.generate();
        List<String> drift = new ArrayList<>();
        for (Map.Entry<String, String> e : gen.entrySet()) {
            Path p = REPO.resolve(e.getKey());
            if (!Files.exists(p)) drift.add(e.getKey() + " (missing)");
            else if (!Files.readString(p).equals(e.getValue())) drift.add(e.getKey() + " (differs)");
        }
        for (String s : GeneratedFiles.stale(REPO, gen)) drift.add(s + " (no command generates it any more)");
        for (String t : GeneratedFiles.missingTemplates(REPO).keySet()) drift.add(t + " (a new command has no man page template)");
        if (!drift.isEmpty()) fail("generated files out of date:\n  " + String.join("\n  ", drift) + "\n" + HINT);
    }

    @Test
    void renderedManPagesMatchTheirTemplates(@TempDir Path out) throws IOException {
        Map<String, String> rendered = new TreeMap<>(ManPages.render(REPO.resolve("man"), out));
        Map<String, String> committed = new TreeMap<>();
        try (var s = Files.list(REPO.resolve("man"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith(".1")) committed.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertEquals(rendered.keySet(), committed.keySet(), "one rendered page per template\n" + HINT);
        for (String page : rendered.keySet()) {
            assertEquals(stripComments(rendered.get(page)), stripComments(committed.get(page)), "man/" + page + " is stale\n" + HINT);
        }
    }

    /** The roff comment header names the asciidoctor version; the rest must be identical. */
    static String stripComments(String roff) {
        return String.join("\n", roff.lines().filter(l -> !l.startsWith(".\\\"")).toList());
    }

    @Test
    void everyCommandHasADescription() {
        // asciidoctor breaks a page's NAME section without one, and completion shows it beside the name
        List<String> missing = new ArrayList<>();
        for (CommandSpec s : CommandTree.all(GeneratedFiles.model())) {
            if (CompletionEngine.firstLine(s.usageMessage().description()).isEmpty()) missing.add(s.qualifiedName());
        }
        assertEquals(List.of(), missing, "commands without a description (@Command(description = ...))");
    }

    @Test
    void theManPageListsExactlyTheExitCodes() throws Exception {
        TreeSet<Integer> codes = new TreeSet<>();
        for (Field f : ExitCodes.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) codes.add(f.getInt(null));
        }
        String section = Files.readString(REPO.resolve("man/cil.adoc")).split("== Exit status", 2)[1].split("\n== ", 2)[0];
        TreeSet<Integer> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\*(\\d+)\\*::").matcher(section);
        while (m.find()) documented.add(Integer.parseInt(m.group(1)));
        assertEquals(codes, documented, "man/cil.adoc 'Exit status' against dev.cil.cli.ExitCodes");
        assertTrue(section.contains("130"), "the shell's Ctrl-C code is documented");
    }

    @Test
    void helpManPagesAndCompletionsListTheSameCommands() throws IOException {
        String bash = Files.readString(REPO.resolve("completions/cil.bash"));
        String fish = Files.readString(REPO.resolve("completions/cil.fish"));
        for (CommandTree.Node n : CommandTree.walk(GeneratedFiles.model())) {
            String page = ManPages.pageName(n.spec());
            assertTrue(Files.exists(REPO.resolve("man/" + page + ".1")), "man/" + page + ".1");
            if (n.children().isEmpty()) continue;
            List<String> args = new ArrayList<>(n.path().isEmpty() ? List.of() : List.of(n.path().split(" ")));
            args.add("--help");
            String help = Cil.run(args.toArray(new String[0])).out();
            for (String child : new TreeSet<>(n.children().values().stream().map(CommandSpec::name).toList())) {
                String what = "'" + (n.path() + " " + child).trim() + "'";
                assertTrue(Pattern.compile("(?m)^\\s+" + Pattern.quote(child) + "\\b").matcher(help).find(), "help lists " + what);
                assertTrue(bash.contains("function _picocli_cil_" + (n.path() + " " + child).trim().replace(' ', '_') + "()"), "bash completes " + what);
                assertTrue(fish.contains("-n '__cil_at \"" + n.path() + "\"' -a '" + child + "'"), "fish completes " + what);
                assertTrue(Files.readString(REPO.resolve("man/" + page + ".1")).contains(child), "man page " + page + " lists " + what);
            }
        }
    }

    @Test
    void manPagesRenderWithoutWarnings() throws Exception {
        List<Path> pages = new ArrayList<>();
        try (var s = Files.list(REPO.resolve("man"))) {
            s.filter(p -> p.toString().endsWith(".1")).sorted().forEach(pages::add);
        }
        assertTrue(pages.size() > 5, "pages: " + pages);
        for (Path p : pages) {
            ProcessBuilder pb = new ProcessBuilder("man", "--warnings", "-l", p.toString());
            pb.environment().put("MANWIDTH", "80");
            pb.environment().put("MANPAGER", "cat");
            pb.environment().put("PAGER", "cat");
            Path err = Files.createTempFile("man", ".err");
            try {
                Process proc = pb.redirectError(err.toFile()).start();
                proc.getOutputStream().close();
                String text = new String(proc.getInputStream().readAllBytes());
                assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, proc.exitValue(), p + ": " + Files.readString(err));
                assertEquals("", Files.readString(err), p + " renders with warnings");
                String name = p.getFileName().toString().replace(".1", "");
                assertTrue(text.contains("NAME\n       " + name + " - "), p + " has a NAME line:\n" + text);
                assertTrue(text.contains("SYNOPSIS"), p.toString());
            } finally {
                Files.deleteIfExists(err);
            }
        }
    }
}
