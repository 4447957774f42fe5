package org.azukari.fhir.pull;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs due targets every {@code interval} on a small pool (1 to 4 threads), and a source's
 * targets at once on an operator's request ({@link #pullNow}). Started and stopped with the
 * application context; plain executors, no {@code @Scheduled}.
 *
 * <p>A target is never pulled twice at the same time: this node keeps the targets it has queued
 * or running, and {@link PullStore#claim} keeps other nodes out. A target asked for while it runs
 * is answered {@code SKIPPED}.
 */
public final class PullScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PullScheduler.class);
    /** At most this many targets are queued per tick; the rest wait for the next. */
    static final int DUE_PER_TICK = 500;

    private final PullRunner runner;
    private final PullStore store;
    private final PullPolicy policy;
    private final Clock clock;
    private final boolean periodic;
    private final Set<PullTarget> inFlight = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService ticker;
    private volatile ExecutorService pool;

    /** @param periodic whether to tick every interval; without it only {@link #pullNow} and {@link #runDue} run pulls */
    public PullScheduler(PullRunner runner, PullStore store, PullPolicy policy, Clock clock, boolean periodic) {
        this.runner = runner;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.periodic = periodic;
    }

    @Override
    public synchronized void start() {
        if (pool != null) {
            return;
        }
        pool = Executors.newFixedThreadPool(policy.threads(), daemon("azukari-pull-"));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("azukari-pull-tick-"));
        if (periodic) {
            long every = policy.interval().toMillis();
            ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (pool == null) {
            return;
        }
        ticker.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        pool = null;
        ticker = null;
    }

    @Override
    public boolean isRunning() {
        return pool != null;
    }

    /** Queues every due target; completes when they have all run. */
    public CompletableFuture<List<PullOutcome>> runDue() {
        Instant now = clock.instant();
        return runAll(store.due(now, now.minus(policy.lease()), DUE_PER_TICK));
    }

    /** Queues every target of the source, due or not; completes when they have all run. */
    public CompletableFuture<List<PullOutcome>> pullNow(PullSourceId source) {
        PullSource found = store.source(source).orElseThrow(() -> new BadInputException(FhirGatewayError.FG_0606, "unknown pull source"));
        if (!found.enabled()) {
            throw new BadInputException(FhirGatewayError.FG_0607, "the pull source is disabled");
        }
        return runAll(store.targets(source));
    }

    private CompletableFuture<List<PullOutcome>> runAll(List<PullTarget> targets) {
        List<CompletableFuture<PullOutcome>> runs = targets.stream().map(this::submit).toList();
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                .thenApply(done -> runs.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<PullOutcome> submit(PullTarget target) {
        ExecutorService running = pool;
        if (running == null) {
            throw new BadStateException(FhirGatewayError.FG_0695, "the pull scheduler is not running");
        }
        if (!inFlight.add(target)) {
            return CompletableFuture.completedFuture(
                    new PullOutcome(target, PullOutcome.Kind.SKIPPED, 0, Optional.empty()));
        }
        try {
            return CompletableFuture.supplyAsync(() -> runner.run(target), running)
                    .whenComplete((outcome, error) -> inFlight.remove(target));
        } catch (RuntimeException rejected) {
            inFlight.remove(target);
            throw rejected;
        }
    }

    private void tick() {
        try {
            runDue();
        } catch (RuntimeException e) {
            // keep ticking: a database hiccup must not end the schedule
            log.warn("FG-0652 pull tick failed ({})", e.getClass().getSimpleName());
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
