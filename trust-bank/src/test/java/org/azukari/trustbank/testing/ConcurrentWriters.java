package org.azukari.trustbank.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.TrustBank;

/** Several threads writing versions of one record at once; returns every version number handed out. */
public final class ConcurrentWriters {

    private ConcurrentWriters() {
    }

    public static List<Integer> writeVersions(TrustBank bank, ResidentId resident, RecordId id, int writers,
                                              int writesEach) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<List<Integer>>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                tasks.add(() -> {
                    List<Integer> versions = new ArrayList<>();
                    for (int i = 0; i < writesEach; i++) {
                        versions.add(bank.store(resident, Records.observation(id, "w")).version().value());
                    }
                    return versions;
                });
            }
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> result : pool.invokeAll(tasks)) {
                all.addAll(result.get());
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }
}
