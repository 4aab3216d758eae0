package dev.cil.cli.completion;

import dev.cil.cli.GlobalOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine against the real command tree, with providers that answer from fixed lists. */
class CompletionEngineTest {
    /** Answers every kind it knows from a fixed table and records what it was asked. */
    static final class Fake implements CandidateProvider {
        final Map<String, List<String>> answers;
        final List<CompletionRequest> asked = new CopyOnWriteArrayList<>();

        Fake(Map<String, List<String>> answers) { this.answers = answers; }

        @Override public Set<String> kinds() { return answers.keySet(); }

        @Override
        public List<Candidate> candidates(CompletionRequest r) {
            asked.add(r);
            List<Candidate> out = new ArrayList<>();
            for (String v : answers.get(r.kind())) out.add(Candidate.of(v, "about " + v));
            return out;
        }

        @Override public Map<String, String> nonterminals() { return new BuiltinProviders().nonterminals(); }
    }

    final Fake fake = new Fake(Map.of(
            "MAP_NAME", List.of("cilium_lxc", "cilium_metrics", "other"),
            "MAP_ID", List.of("66", "172", "7"),
            "PROG_ID", List.of("1312", "12"),
            "PROG_NAME", List.of("cil_from_container"),
            "LINK_ID", List.of("23"),
            "NETNS", List.of("pod1", "pod2"),
            "DEV", List.of("eth0", "lxc1", "evil\u001b[2J")));
    final CompletionEngine engine = new CompletionEngine(GeneratedFiles.model(), Providers.empty().register(fake), Duration.ofSeconds(5));

    List<String> complete(String... words) {
        return engine.complete(Arrays.asList(words)).stream().map(Candidate::value).toList();
    }

    @Test
    void subcommandsFromTheModelWithoutHiddenOnes() {
        assertEquals(TopLevel.visible(), complete(""));
        assertEquals(List.of("prog"), complete("pr"));
        assertEquals(List.of("create", "delete", "dump", "freeze", "get", "getnext", "list", "lookup", "pin", "show", "update"), complete("map", ""));
        assertEquals(List.of(), complete("__"), "hidden commands are not offered");
    }

    @Test
    void descriptionsAreTheCommandsSummaries() {
        Candidate prog = engine.complete(List.of("pr")).get(0);
        assertEquals("Inspect BPF programs (as bpftool prog)", prog.description());
    }

    @Test
    void selectorKeywordsThenLiveValues() {
        assertEquals(List.of("id", "name", "pinned"), complete("map", "dump", ""));
        assertEquals(List.of("cilium_lxc", "cilium_metrics"), complete("map", "dump", "name", "cil"));
        assertEquals(List.of("7", "66", "172"), complete("map", "dump", "id", ""), "ids in numeric order");
        assertEquals(List.of("12", "1312"), complete("prog", "show", "id", "1"));
        assertEquals(List.of("id", "name", "pinned", "tag"), complete("prog", "show", ""));
        assertEquals(List.of("cil_from_container"), complete("prog", "list", "name", ""), "an alias is the same command");
        assertEquals(List.of("23"), complete("link", "show", "id", ""));
        assertEquals(List.of(), complete("map", "dump", "id", "66", ""), "nothing after a complete selector");
    }

    @Test
    void abbreviatedCommandsAndKeywordsAsTheParserAcceptsThem() {
        assertEquals(List.of("12", "1312"), complete("p", "s", "i", ""));
        assertEquals(List.of("cilium_lxc", "cilium_metrics", "other"), complete("ma", "du", "n", ""));
        assertEquals(List.of(), complete("ma", "d", "n", ""), "'ma d' is ambiguous (delete, dump): no grammar");
        assertEquals(List.of(), complete("m", "du", "n", ""), "'m' is ambiguous since monitor (map, monitor): no grammar");
    }

    @Test
    void longerGrammarsContinueAfterTheSelector() {
        assertEquals(List.of("key"), complete("map", "lookup", "name", "cilium_lxc", ""));
        assertEquals(List.of("any", "exist", "noexist"), complete("map", "update", "id", "7", "key", "1", "value", "2", ""));
        assertEquals(List.of("cilium_lxc", "cilium_metrics", "other"),
                complete("map", "create", "/sys/fs/bpf/m", "type", "hash", "key", "4", "value", "8", "entries", "1",
                        "name", "m", "inner_map", "name", ""));
    }

    @Test
    void optionsAndTheirValues() {
        List<String> opts = complete("map", "dump", "--");
        assertTrue(opts.containsAll(List.of("--json", "--netns", "--output", "--pretty", "--debug", "--help")), opts.toString());
        assertFalse(opts.contains("--shell"), "the options of another command");
        assertEquals(List.of("json", "text"), complete("-o", ""));
        assertEquals(List.of("pod1", "pod2"), complete("--netns", "p"));
        assertEquals(List.of("--netns=pod1", "--netns=pod2"), complete("--netns="));
        assertEquals(List.of("id", "name", "pinned"), complete("map", "dump", "-j", "--netns", "pod1", ""),
                "options and their values are not arguments");
        assertEquals(List.of("id", "name", "pinned"), complete("-jo", "json", "map", "dump", ""), "clustered short options");
    }

    @Test
    void theNamespaceOnTheLineReachesTheProvider() {
        fake.asked.clear();
        complete("--netns", "pod1", "map", "dump", "name", "");
        assertEquals("pod1", fake.asked.get(0).netns());
        fake.asked.clear();
        complete("map", "dump", "--netns=pod2", "name", "");
        assertEquals("pod2", fake.asked.get(0).netns());
    }

    @Test
    void afterDoubleDashEverythingIsAnArgument() {
        assertEquals(List.of(), complete("map", "dump", "--", "-"));
    }

    /** A command written later: a device argument in a namespace, its grammar only in its model. */
    @Command(name = "cil")
    static final class Root {
        @Mixin GlobalOptions global;

        @Command(name = "net", description = "Network devices.")
        void net(@Parameters(paramLabel = "ARGS", description = "dev DEV [verbose]") List<String> args) { }

        @Command(name = "probe", description = "Probe a device.")
        void probe(@Parameters(paramLabel = "DEV", description = "The device to probe.") String dev) { }
    }

    @Test
    void aNewCommandGetsCompletionFromItsModel() {
        CompletionEngine e = new CompletionEngine(new CommandLine(new Root()).getCommandSpec(),
                Providers.empty().register(fake), Duration.ofSeconds(5));
        fake.asked.clear();
        assertEquals(List.of("dev"), e.complete(List.of("net", "")).stream().map(Candidate::value).toList());
        assertEquals(List.of("eth0", "lxc1"), e.complete(List.of("--netns", "pod2", "net", "dev", "")).stream().map(Candidate::value).toList(),
                "a name with control characters is left out");
        assertEquals("pod2", fake.asked.get(0).netns());
        assertEquals(List.of("verbose"), e.complete(List.of("net", "dev", "eth0", "")).stream().map(Candidate::value).toList());
        assertEquals(List.of("lxc1"), e.complete(List.of("probe", "l")).stream().map(Candidate::value).toList(),
                "prose description: the label is the grammar");
        assertTrue(e.completesPositionals(e.read(List.of("net")).command()));
    }

    @Test
    void aProviderRegisteredLaterIsUsed() {
        CandidateProvider endpoints = new CandidateProvider() {
            @Override public Set<String> kinds() { return Set.of("ENDPOINT_ID", "ENDPOINT_NAME"); }

            @Override
            public List<Candidate> candidates(CompletionRequest r) {
                return r.kind().equals("ENDPOINT_ID") ? List.of(Candidate.of("416")) : List.of(Candidate.of("default/netpod"));
            }

            @Override public Map<String, String> nonterminals() { return Map.of("ENDPOINT", "id ID | name NAME"); }
        };
        @Command(name = "cil")
        class R {
            @Command(name = "get", description = "An endpoint.")
            void get(@Parameters(paramLabel = "ENDPOINT", description = "id ID | name NAME") List<String> a) { }
        }
        CompletionEngine e = new CompletionEngine(new CommandLine(new R()).getCommandSpec(),
                Providers.empty().register(endpoints), Duration.ofSeconds(5));
        assertEquals(List.of("416"), e.complete(List.of("get", "id", "")).stream().map(Candidate::value).toList());
        assertEquals(List.of("default/netpod"), e.complete(List.of("get", "name", "")).stream().map(Candidate::value).toList());
    }
}
