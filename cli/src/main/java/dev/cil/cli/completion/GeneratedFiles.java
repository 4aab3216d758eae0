package dev.cil.cli.completion;

import dev.cil.cli.CommandLineFactory;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything generated from the picocli model, by path in the repository: {@code completions/cil.bash},
 * {@code completions/_cil}, {@code completions/cil.fish}, {@code man/generated/*.adoc}; the templates
 * {@code man/*.adoc} of new commands; and the rendered pages {@code man/*.1}. The test
 * {@code GeneratedFilesTest} compares the committed files with a fresh generation; this class's
 * {@link #main} (or that test with {@code -Dcil.regenerate=true}) writes them.
 */
public final class GeneratedFiles {
    private GeneratedFiles() { }

    /** The command model as the generators see it (a fresh tree each time: the man generator edits it). */
    public static CommandSpec model() {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        return CommandTree.canonical(CommandLineFactory.create(sink, sink).getCommandSpec());
    }

    /** The engine the generators ask which values are live (no provider is called). */
    static CompletionEngine engine(CommandSpec root) { return new CompletionEngine(root, Providers.load(), Duration.ZERO); }

    /** The completion scripts and the generated man sections: repository path to text. */
    public static Map<String, String> generate() {
        Map<String, String> out = new TreeMap<>();
        CommandSpec root = model();
        CompletionEngine engine = engine(root);
        String bash = BashCompletion.generate(root, engine);
        out.put("completions/cil.bash", bash);
        out.put("completions/_cil", ZshCompletion.generate(bash));
        out.put("completions/cil.fish", FishCompletion.generate(root, engine));
        for (Map.Entry<String, String> e : ManPages.generated(model()).entrySet()) out.put("man/generated/" + e.getKey(), e.getValue());
        return out;
    }

    /** The templates a repository lacks (new commands): repository path to the default template. */
    public static Map<String, String> missingTemplates(Path repo) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CommandTree.Node n : CommandTree.walk(model())) {
            String path = "man/" + ManPages.pageName(n.spec()) + ".adoc";
            if (!Files.exists(repo.resolve(path))) out.put(path, ManPages.template(n.spec()));
        }
        return out;
    }

    /** Generated files in the repository that no command produces any more. */
    public static List<String> stale(Path repo, Map<String, String> generated) throws IOException {
        List<String> out = new ArrayList<>();
        Path dir = repo.resolve("man/generated");
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                s.map(p -> "man/generated/" + p.getFileName()).filter(p -> !generated.containsKey(p)).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Regenerates the repository's files: completions, generated man sections (stale ones removed),
     * templates for new commands, and the rendered pages.
     * Usage: {@code GeneratedFiles REPO_ROOT} (run from Maven: see completions/README.md).
     */
    public static void main(String[] args) throws IOException {
        Path repo = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
        write(repo);
    }

    public static void write(Path repo) throws IOException {
        Map<String, String> gen = generate();
        for (String s : stale(repo, gen)) Files.delete(repo.resolve(s));
        Map<String, String> all = new LinkedHashMap<>(gen);
        all.putAll(missingTemplates(repo));
        for (Map.Entry<String, String> e : all.entrySet()) {
            Path p = repo.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            if (!Files.exists(p) || !Files.readString(p).equals(e.getValue())) Files.writeString(p, e.getValue());
        }
        Path man = repo.resolve("man");
        try (var s = Files.list(man)) {
            for (Path p : (Iterable<Path>) s::iterator) if (p.getFileName().toString().endsWith(".1")) Files.delete(p);
        }
        ManPages.render(man, man);
    }
}
