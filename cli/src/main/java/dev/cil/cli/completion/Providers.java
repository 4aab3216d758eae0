package dev.cil.cli.completion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry of {@link CandidateProvider}s, and the one way to ask them: bounded in time, cached
 * briefly, never throwing. A slow answer is not lost: it keeps running and fills the cache, so the
 * next Tab gets it.
 */
public final class Providers {
    /** How long an answer stays fresh. */
    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Map<String, CandidateProvider> byKind = new ConcurrentHashMap<>();
    private final Map<String, String> nonterminals = new ConcurrentHashMap<>();
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Executor executor;
    private final long ttlNanos;

    private record Entry(long at, CompletableFuture<List<Candidate>> answer) { }

    Providers(Executor executor, long ttlNanos) {
        this.executor = executor;
        this.ttlNanos = ttlNanos;
    }

    /** An empty registry (tests); answers run on daemon threads. */
    public static Providers empty() { return new Providers(daemonExecutor(), TTL_NANOS); }

    /** The built-in providers plus those listed in {@code META-INF/services} (a broken one is skipped). */
    public static Providers load() {
        Providers p = empty();
        p.register(new BuiltinProviders());
        try {
            for (CandidateProvider extra : ServiceLoader.load(CandidateProvider.class, Providers.class.getClassLoader())) {
                p.register(extra);
            }
        } catch (ServiceConfigurationError e) {
            // a provider that cannot be loaded only means fewer completions
        }
        return p;
    }

    /** Registers a provider for its kinds (replacing an earlier one for the same kind) and its selectors. */
    public Providers register(CandidateProvider provider) {
        for (String k : provider.kinds()) byKind.put(k, provider);
        nonterminals.putAll(provider.nonterminals());
        return this;
    }

    public boolean has(String kind) { return byKind.containsKey(kind); }

    /** Selector name to grammar, e.g. {@code MAP -> "id ID | pinned PATH | name NAME"}. */
    public Map<String, String> nonterminals() { return new LinkedHashMap<>(nonterminals); }

    /**
     * The provider's answer for a request, waiting at most {@code budget}; empty when there is no
     * provider, it failed, or it is still working (its answer is cached when it comes).
     */
    public List<Candidate> fetch(CompletionRequest request, Duration budget) {
        CandidateProvider p = byKind.get(request.kind());
        if (p == null) return List.of();
        CompletableFuture<List<Candidate>> answer;
        if (p.cacheable(request.kind())) {
            String key = request.kind() + '\0' + (request.netns() == null ? "" : request.netns());
            long now = System.nanoTime();
            Entry e = cache.compute(key, (k, old) -> {
                if (old != null && (!old.answer.isDone() || now - old.at < ttlNanos) && !failed(old.answer)) return old;
                return new Entry(now, ask(p, request));
            });
            answer = e.answer;
        } else {
            answer = ask(p, request);
        }
        try {
            return answer.get(Math.max(1, budget.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static boolean failed(CompletableFuture<?> f) { return f.isCompletedExceptionally(); }

    private CompletableFuture<List<Candidate>> ask(CandidateProvider p, CompletionRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<Candidate> c = p.candidates(request);
                return c == null ? List.<Candidate>of() : List.copyOf(new ArrayList<>(c));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor);
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private static Executor daemonExecutor() {
        return r -> {
            Thread t = new Thread(r, "cil-complete-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            t.start();
        };
    }
}
