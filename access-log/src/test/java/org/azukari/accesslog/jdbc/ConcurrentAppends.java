package org.azukari.accesslog.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.azukari.accesslog.Entries;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.ResidentId;

/** Threads that each append {@code rounds} single entries and {@code rounds} pairs, all at once. */
final class ConcurrentAppends {

    private ConcurrentAppends() {
    }

    /** Appends {@code threads * rounds * 2} entries in total. */
    static void run(AccessLog log, int threads, int rounds, ResidentId resident) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(() -> {
                    for (int i = 0; i < rounds / 2; i++) {
                        log.append(Entries.read(resident, i));
                        log.appendAll(List.of(Entries.read(resident, i), Entries.read(resident, i + 1)));
                        log.append(Entries.read(resident, i));
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
