package dev.cil.daemon;

import dev.cil.api.StatusResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's periodic tasks (Cilium's "controllers"): each runs on a schedule, counts its successes
 * and failures, and keeps its last error; {@code cil status} shows them.
 */
final class Controllers implements AutoCloseable {
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private static final class Controller {
        final String name;
        final Task task;
        long successes, failures, consecutiveFailures;
        Instant lastSuccess, lastFailure;
        String lastError = "";

        Controller(String name, Task task) {
            this.name = name;
            this.task = task;
        }
    }

    private final DaemonLog log;
    private final Map<String, Controller> all = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cil-controllers");
        t.setDaemon(true);
        return t;
    });

    Controllers(DaemonLog log) { this.log = log; }

    /** Registers a task and runs it now (in the background) and then every {@code period}. */
    void add(String name, Duration period, Task task) {
        Controller c = new Controller(name, task);
        all.put(name, c);
        timer.scheduleWithFixedDelay(() -> run(c), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a registered task now, on the caller's thread. */
    void runNow(String name) {
        Controller c = all.get(name);
        if (c != null) run(c);
    }

    private void run(Controller c) {
        try {
            c.task.run();
            synchronized (c) {
                c.successes++;
                c.consecutiveFailures = 0;
                c.lastSuccess = Instant.now();
            }
        } catch (Exception | Error e) {
            synchronized (c) {
                c.failures++;
                c.consecutiveFailures++;
                c.lastFailure = Instant.now();
                c.lastError = String.valueOf(e.getMessage());
            }
            log.warn("controller " + c.name + " failed: " + e);
        }
    }

    List<StatusResponse.Controller> status() {
        List<StatusResponse.Controller> out = new ArrayList<>();
        for (Controller c : all.values()) {
            synchronized (c) {
                out.add(new StatusResponse.Controller(c.name, new StatusResponse.ControllerRuns(c.consecutiveFailures,
                        c.failures, c.lastError, c.lastFailure == null ? null : c.lastFailure.toString(),
                        c.lastSuccess == null ? null : c.lastSuccess.toString(), c.successes)));
            }
        }
        return out;
    }

    @Override
    public void close() { timer.shutdownNow(); }
}
