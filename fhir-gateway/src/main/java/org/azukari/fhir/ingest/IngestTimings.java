package org.azukari.fhir.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Where ingest time goes, summed over all ingests since start (or the last {@link #reset()}):
 * the benchmark prints the shares; it costs two clock reads per stage.
 */
public final class IngestTimings {

    /** The stages of one ingest; parsing happens before, at the HTTP layer. */
    public enum Stage {
        PARSING, VALIDATION, PLANNING, STORAGE, ACCESS_LOG
    }

    private final Map<Stage, LongAdder> nanos = new EnumMap<>(Stage.class);

    public IngestTimings() {
        for (Stage stage : Stage.values()) {
            nanos.put(stage, new LongAdder());
        }
    }

    public <T> T time(Stage stage, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            nanos.get(stage).add(System.nanoTime() - start);
        }
    }

    public void add(Stage stage, long elapsedNanos) {
        nanos.get(stage).add(elapsedNanos);
    }

    public Map<Stage, Long> snapshotNanos() {
        Map<Stage, Long> snapshot = new EnumMap<>(Stage.class);
        nanos.forEach((stage, sum) -> snapshot.put(stage, sum.sum()));
        return snapshot;
    }

    public void reset() {
        nanos.values().forEach(LongAdder::reset);
    }
}
