package dev.cil.cli.completion;

import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The man pages: picocli-codegen's {@link ManPageGenerator} writes one AsciiDoc page per visible
 * command into {@code man/generated/} (regenerated, never edited); {@code man/<page>.adoc} is the
 * hand-edited template of each page, which includes the generated sections by tag and adds text that
 * survives regeneration (exit status, examples, see also); asciidoctor renders the templates to
 * troff, {@code man/<page>.1}.
 *
 * <p>Besides picocli's tags ({@code picocli-generated-man-section-name}, {@code -synopsis}, …) each
 * generated page has {@code cil-generated-man-section-footer}: the command's help footer as man
 * sections (its {@code Examples:} lines, other headed blocks, and notes), which picocli leaves out
 * when a footer has no separate heading.
 */
public final class ManPages {
    private ManPages() { }

    /** What the pages say they document ({@code .TH} source); no version, so a release does not change them. */
    static final String SOURCE = "cil";

    /** The page name of a command: {@code cil-map-dump}. */
    public static String pageName(CommandSpec spec) { return spec.qualifiedName("-"); }

    /** The generated AsciiDoc pages, file name ({@code cil-map-dump.adoc}) to text. */
    public static Map<String, String> generated(CommandSpec root) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] rootHeader = root.usageMessage().header();
        List<CommandTree.Node> nodes = CommandTree.walk(root);
        for (CommandTree.Node n : nodes) {
            CommandSpec spec = n.spec();
            // the root's header reaches subcommands through its scope = INHERIT; their NAME line is their own
            if (spec != root && java.util.Arrays.equals(spec.usageMessage().header(), rootHeader)) {
                spec.usageMessage().header(CompletionEngine.summary(spec));
            }
            spec.versionProvider(null);
            spec.version(SOURCE);
        }
        for (CommandTree.Node n : nodes) {
            CommandSpec spec = n.spec();
            StringWriter w = new StringWriter();
            PrintWriter pw = new PrintWriter(w);
            ManPageGenerator.writeSingleManPage(pw, spec);
            pw.flush();
            String page = w.toString().replace("\r\n", "\n");
            String end = "// end::picocli-generated-full-manpage[]\n";
            int at = page.lastIndexOf(end);
            if (at < 0) throw new IllegalStateException("picocli's man page changed shape: no '" + end.trim() + "'");
            page = page.substring(0, at) + footer(spec) + page.substring(at);
            out.put(pageName(spec) + ".adoc", page);
        }
        return out;
    }

    /** The help footer as man sections: headed blocks ("Examples:") and the notes between them. */
    static String footer(CommandSpec spec) {
        StringBuilder text = new StringBuilder();
        for (String line : spec.usageMessage().footer()) text.append(String.format(line)).append('\n');
        List<List<String>> blocks = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String l : text.toString().split("\n", -1)) {
            if (l.isBlank()) {
                if (!cur.isEmpty()) blocks.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(l.stripTrailing());
            }
        }
        if (!cur.isEmpty()) blocks.add(cur);
        StringBuilder notes = new StringBuilder();
        StringBuilder sections = new StringBuilder();
        for (List<String> b : blocks) {
            String first = b.get(0);
            if (!first.startsWith(" ") && first.endsWith(":") && b.size() > 1) {
                String heading = first.substring(0, first.length() - 1).trim();
                String tag = "cil-generated-man-section-" + heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
                sections.append("// tag::").append(tag).append("[]\n== ").append(heading).append("\n\n....\n");
                for (String l : b.subList(1, b.size())) sections.append(l.startsWith("  ") ? l.substring(2) : l.strip()).append('\n');
                sections.append("....\n\n// end::").append(tag).append("[]\n\n");
            } else {
                for (String l : b) notes.append(l.strip()).append('\n');
                notes.append('\n');
            }
        }
        StringBuilder out = new StringBuilder("// tag::cil-generated-man-section-footer[]\n");
        if (notes.length() > 0) {
            out.append("// tag::cil-generated-man-section-notes[]\n== Notes\n\n").append(notes)
                    .append("// end::cil-generated-man-section-notes[]\n\n");
        }
        out.append(sections);
        out.append("// end::cil-generated-man-section-footer[]\n\n");
        return out.toString();
    }

    /**
     * The template written for a page that has none yet: every generated section, then a SEE ALSO
     * naming its parent and the top page. Edit it freely; it is never overwritten.
     */
    public static String template(CommandSpec spec) {
        String page = pageName(spec);
        StringBuilder b = new StringBuilder();
        b.append("// ").append(page).append("(1): written once when the command appeared; edit freely, it is never regenerated.\n")
                .append("// The include lines pull the sections generated from the picocli model (man/generated/").append(page)
                .append(".adoc).\n")
                .append(":includedir: generated\n");
        for (String tag : List.of("header", "name", "synopsis", "description", "options", "arguments", "commands")) {
            b.append("\ninclude::{includedir}/").append(page).append(".adoc[tag=picocli-generated-man-section-").append(tag).append("]\n");
        }
        b.append("\ninclude::{includedir}/").append(page).append(".adoc[tag=cil-generated-man-section-footer]\n");
        b.append("\n== See also\n\n");
        List<String> see = new ArrayList<>();
        for (CommandSpec p = spec.parent(); p != null; p = p.parent()) see.add(0, "*" + pageName(p) + "*(1)");
        if (see.isEmpty()) see.add("*bpftool*(8)");
        b.append(String.join(", ", see)).append('\n');
        return b.toString();
    }

    /** Where asciidoctor is, or a clear failure. */
    static String asciidoctor() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "asciidoctor");
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new IllegalStateException("asciidoctor is not installed: the man pages are rendered with it "
                + "(apt-get install asciidoctor; ./install.sh --test installs it)");
    }

    /**
     * Renders every template {@code templates/*.adoc} to troff in {@code outDir} ({@code <page>.1}) with
     * asciidoctor; returns page file name to text. Fails on any asciidoctor warning.
     */
    public static Map<String, String> render(Path templates, Path outDir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(asciidoctor(), "-b", "manpage", "--failure-level", "WARN",
                "-a", "reproducible", "-a", "docdate!", "-a", "docyear!", "-a", "revdate!",
                "-D", outDir.toString()));
        List<Path> sources = new ArrayList<>();
        try (var s = Files.list(templates)) {
            s.filter(p -> p.getFileName().toString().endsWith(".adoc")).sorted().forEach(sources::add);
        }
        for (Path p : sources) cmd.add(p.toString());
        Files.createDirectories(outDir);
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        proc.getOutputStream().close();
        String log = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!proc.waitFor(120, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new IOException("asciidoctor did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering man pages", e);
        }
        if (proc.exitValue() != 0 || !log.isBlank()) {
            throw new IOException("asciidoctor failed (exit " + proc.exitValue() + "):\n" + log);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Path p : sources) {
            String name = p.getFileName().toString().replaceFirst("\\.adoc$", ".1");
            Path f = outDir.resolve(name);
            if (!Files.exists(f)) throw new IOException("asciidoctor wrote no " + f + " for " + p + " (is its title '" + name.replace(".1", "(1)") + "'?)");
            out.put(name, Files.readString(f));
        }
        return out;
    }
}
