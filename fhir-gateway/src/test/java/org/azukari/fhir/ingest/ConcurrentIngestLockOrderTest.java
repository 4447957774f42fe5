package org.azukari.fhir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.azukari.fhir.ingest.Inputs.INSURANCE;
import static org.azukari.fhir.ingest.Inputs.MRN;
import static org.azukari.fhir.ingest.Inputs.observation;
import static org.azukari.fhir.ingest.Inputs.patient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.azukari.consent.api.ResidentId;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingests that touch the same residents, one naming them A then B and the other B then A,
 * run at the same moment, many times. Each ingest locks the keyring of every resident it stores
 * for (and the access log's head last) until it commits; taken in the order of the Bundle, the two
 * would each hold one keyring and wait for the other's (a deadlock: one loses after the lock wait).
 * Taken in one global order, they only queue.
 */
class ConcurrentIngestLockOrderTest {

    @TempDir
    Path directory;

    @Test
    void concurrentIngests_namingTheSameResidentsInOppositeOrders_allSucceed_neverDeadlock() throws Exception {
        IngestWorld world = new IngestWorld(directory);
        ResidentId residentA = ResidentId.random();
        ResidentId residentB = ResidentId.random();
        world.enrol(residentA, MRN, "000111");
        world.enrol(residentB, INSURANCE, "00012345:b:1:01");
        world.ingest(Inputs.transaction().put(patient("p-a", MRN, "000111")).json(), "req-pa");
        world.ingest(Inputs.transaction().put(patient("p-b", INSURANCE, "00012345:b:1:01")).json(), "req-pb");

        int rounds = 30;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> failures = new ArrayList<>();
        try {
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Callable<IngestResult>> pair = new ArrayList<>();
                for (boolean aFirst : new boolean[] {true, false}) {
                    Inputs bundle = Inputs.transaction();
                    String a = "o-" + round + (aFirst ? "-1" : "-2") + "-a";
                    String b = "o-" + round + (aFirst ? "-1" : "-2") + "-b";
                    if (aFirst) {
                        bundle.put(observation(a, new Reference("Patient/p-a"), "a")).put(
                                observation(b, new Reference("Patient/p-b"), "b"));
                    } else {
                        bundle.put(observation(b, new Reference("Patient/p-b"), "b")).put(
                                observation(a, new Reference("Patient/p-a"), "a"));
                    }
                    String json = bundle.json();
                    String requestId = "req-" + round + aFirst;
                    pair.add(() -> {
                        together.await(1, TimeUnit.MINUTES);
                        return world.ingest(json, requestId);
                    });
                }
                for (Future<IngestResult> result : pool.invokeAll(pair, 2, TimeUnit.MINUTES)) {
                    try {
                        assertThat(result.get().created()).isEqualTo(2);
                    } catch (ExecutionException e) {
                        failures.add(e.getCause().getClass().getSimpleName());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures).as("ingests that failed (a deadlock loser or a lock wait past its timeout)").isEmpty();
        assertThat(world.records(residentA)).filteredOn(r -> r.type().value().equals("Observation"))
                .hasSize(2 * rounds);
        assertThat(world.records(residentB)).filteredOn(r -> r.type().value().equals("Observation"))
                .hasSize(2 * rounds);
    }
}
