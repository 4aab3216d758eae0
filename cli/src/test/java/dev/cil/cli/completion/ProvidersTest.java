package dev.cil.cli.completion;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvidersTest {
    /** A provider that counts its calls and can be held up. */
    static final class Counting implements CandidateProvider {
        final AtomicInteger calls = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile boolean fail;

        @Override public Set<String> kinds() { return Set.of("THING"); }

        @Override
        public List<Candidate> candidates(CompletionRequest r) throws Exception {
            int n = calls.incrementAndGet();
            gate.await(10, TimeUnit.SECONDS);
            if (fail) throw new java.io.IOException("provider failed");
            return List.of(Candidate.of("v" + n + (r.netns() == null ? "" : "@" + r.netns())));
        }
    }

    static final Duration LONG = Duration.ofSeconds(5);

    @Test
    void answersAreCachedBrieflyPerNamespace() throws Exception {
        Counting c = new Counting();
        Providers p = new Providers(Runnable::run, TimeUnit.MILLISECONDS.toNanos(300)).register(c);
        assertEquals("v1", p.fetch(new CompletionRequest("THING", "", null), LONG).get(0).value());
        assertEquals("v1", p.fetch(new CompletionRequest("THING", "x", null), LONG).get(0).value(), "cached");
        assertEquals("v2@ns1", p.fetch(new CompletionRequest("THING", "", "ns1"), LONG).get(0).value(), "another namespace");
        Thread.sleep(400);
        assertEquals("v3", p.fetch(new CompletionRequest("THING", "", null), LONG).get(0).value(), "expired");
    }

    @Test
    void aSlowAnswerIsNotWaitedForButArrivesForTheNextTab() throws Exception {
        Counting c = new Counting();
        c.gate = new CountDownLatch(1);
        Providers p = Providers.empty().register(c);
        long t0 = System.nanoTime();
        assertEquals(List.of(), p.fetch(new CompletionRequest("THING", "", null), Duration.ofMillis(100)));
        long waited = System.nanoTime() - t0;
        assertTrue(waited < TimeUnit.SECONDS.toNanos(2), "bounded: waited " + waited / 1_000_000 + " ms");
        assertEquals(List.of(), p.fetch(new CompletionRequest("THING", "", null), Duration.ofMillis(50)), "still working");
        c.gate.countDown();
        assertEquals("v1", p.fetch(new CompletionRequest("THING", "", null), LONG).get(0).value());
        assertEquals(1, c.calls.get(), "the second Tab joined the first question instead of asking again");
    }

    @Test
    void failuresAreSilentAndNotCached() {
        Counting c = new Counting();
        c.fail = true;
        Providers p = new Providers(Runnable::run, TimeUnit.SECONDS.toNanos(60)).register(c);
        assertEquals(List.of(), p.fetch(new CompletionRequest("THING", "", null), LONG));
        c.fail = false;
        assertEquals("v2", p.fetch(new CompletionRequest("THING", "", null), LONG).get(0).value());
    }

    @Test
    void unknownKindsHaveNoAnswer() {
        Providers p = Providers.empty();
        assertFalse(p.has("THING"));
        assertEquals(List.of(), p.fetch(new CompletionRequest("THING", "", null), LONG));
    }

    @Test
    void builtinsAndSelectorsAreLoaded() {
        Providers p = Providers.load();
        for (String k : List.of("MAP_ID", "MAP_NAME", "PROG_ID", "PROG_NAME", "PROG_TAG", "LINK_ID", "BTF_ID", "DEV", "NETNS", "PATH")) {
            assertTrue(p.has(k), k);
        }
        assertEquals(Set.of("PROG", "MAP", "LINK", "BTF", "BTF_SRC"), p.nonterminals().keySet());
    }

    @Test
    void filesCompleteDirectoriesOpen(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectory(dir.resolve("sub"));
        java.nio.file.Files.writeString(dir.resolve("file1"), "");
        java.nio.file.Files.writeString(dir.resolve(".hidden"), "");
        List<Candidate> c = BuiltinProviders.files(dir + "/", false);
        c = c.stream().sorted(java.util.Comparator.comparing(Candidate::value)).toList();
        assertEquals(List.of(dir + "/file1", dir + "/sub/"), c.stream().map(Candidate::value).toList());
        assertTrue(c.get(0).complete());
        assertFalse(c.get(1).complete(), "a directory goes on");
        assertEquals(List.of(dir + "/.hidden"), BuiltinProviders.files(dir + "/.", false).stream().map(Candidate::value).toList());
        assertEquals(List.of(), BuiltinProviders.files(dir + "/nosuchdir/x", false));
    }
}
