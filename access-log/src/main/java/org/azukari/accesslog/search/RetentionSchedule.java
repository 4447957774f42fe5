package org.azukari.accesslog.search;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs {@link IndexRetention} at start and then every {@code interval}; a failed run is retried at the next. */
final class RetentionSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final IndexRetention retention;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    RetentionSchedule(IndexRetention retention, Duration interval) {
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "access-log-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::run, 1, interval.toSeconds(), TimeUnit.SECONDS);
    }

    private void run() {
        try {
            retention.apply();
        } catch (Exception e) {
            log.warn("access-log retention run failed, retried in {}: {}", interval, e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
