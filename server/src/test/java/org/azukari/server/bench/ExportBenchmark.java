package org.azukari.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.DatasetItem;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.consent.api.DatasetReview;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.export.DatasetExports;
import org.azukari.fhir.export.ExportJob;
import org.azukari.server.AzukariApplication;
import org.azukari.server.testing.Assessed;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.TrustBank;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code infra/bench export [residents]}: a de-identified dataset export of a cohort of thousands
 * of consenting residents, in the bank on PostgreSQL and OpenBao, through the real export engine
 * (decision, one access-log entry per resident, decryption, de-identification, k-anonymity,
 * sealed files). Prints resources exported per second and the peak heap used during the export.
 *
 * <p>Each resident has a Patient, six HbA1c and body-weight Observations in 2026 and a Condition;
 * the request asks for HbA1c and body weight (so the Condition is never decrypted).
 */
public final class ExportBenchmark {

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dataDir = Files.createTempDirectory("azukari-export-bench");
        Map<String, Object> properties = IngestBenchmark.onPostgresAndOpenBao(dataDir);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AzukariApplication.class)
                .run(IngestBenchmark.asArguments(properties))) {
            run(context, residents);
        }
    }

    private static void run(ConfigurableApplicationContext context, int residents) throws Exception {
        TrustBank bank = context.getBean(TrustBank.class);
        Consents consents = context.getBean(Consents.class);
        DatasetRequests requests = context.getBean(DatasetRequests.class);
        PrivacyAssessments assessments = context.getBean(PrivacyAssessments.class);
        DatasetExports exports = context.getBean(DatasetExports.class);
        String service = "benchwell-" + UUID.randomUUID().toString().substring(0, 8);
        Purpose purpose = new Purpose("health-advice");
        AccessActor resident = new AccessActor("RESIDENT", "bench", Optional.empty(), Optional.empty());
        System.out.printf("storing %d residents (patient, 6 observations, a condition each) and their consents...%n",
                residents);
        long setup = System.nanoTime();
        for (int i = 0; i < residents; i++) {
            ResidentId id = new ResidentId(UUID.randomUUID());
            bank.enrol(id);
            bank.storeAll(id, records(i));
            consents.grant(id, new ConsentTerms(Recipient.organisation(service), purpose,
                    Set.of(ConsentCategory.of(DataCategory.MEDICAL, "laboratory"),
                            ConsentCategory.of(DataCategory.MEDICAL, "vital-signs")), ConsentPeriod.from(Instant.now().minusSeconds(60))),
                    ConsentEvidence.shown("『健康アドバイス』を目的として、『医療データ』を提供してよいですか？", "ja",
                            "consent-question-1", Instant.now(), "portal"), resident);
        }
        System.out.printf("  set up in %.1f s%n", (System.nanoTime() - setup) / 1e9);
        AccessActor wellness = new AccessActor("WELLNESS_SERVICE", "bench-app", Optional.of(service), Optional.of("bench-app"));
        DatasetRequest filed = requests.file(Recipient.organisation(service), new DatasetSpec("Bench HbA1c and weight", purpose,
                Set.of(ConsentCategory.of(DataCategory.MEDICAL, "laboratory"), ConsentCategory.of(DataCategory.MEDICAL, "vital-signs")),
                List.of(DatasetItem.parse("Observation|http://loinc.org|4548-4"), DatasetItem.parse("Observation|http://loinc.org|29463-7")),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Duration.ofDays(30), Deidentification.defaults()), wellness);
        Assessed.datasetRequest(assessments, filed.id().value());
        requests.review(filed.id(), new DatasetReview(DatasetReview.Outcome.APPROVE, "benchmark", "", "bench-operator",
                Instant.now()), false, new AccessActor("OPERATOR", "bench-operator", Optional.empty(), Optional.empty()));

        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long usedBefore = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        DatasetExports.ExportCaller caller = new DatasetExports.ExportCaller(service, "bench-app");
        long started = System.nanoTime();
        ExportJob job = exports.kickOff(caller, filed.id(), Set.of());
        ExportJob status = job;
        long liveAfterGc = 0;
        while (status.status() == ExportJob.Status.RUNNING) {
            Thread.sleep(200); // a benchmark's polling interval, not a test's wait
            status = exports.status(caller, job.id());
            liveAfterGc = Math.max(liveAfterGc, heap.stream().filter(MemoryPoolMXBean::isCollectionUsageThresholdSupported)
                    .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        int lines = status.outputs().values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("export: %s, %d residents in the cohort, %d included, %d suppressed (%d records)%n",
                status.status(), status.residentsTotal(), status.includedResidents(), status.suppressedResidents(),
                status.suppressedRecords());
        System.out.printf("  %d resources written (%s) in %.1f s: %.0f resources/s, %.0f residents/s%n", lines,
                status.outputs(), seconds, lines / seconds, status.residentsTotal() / seconds);
        System.out.printf("  heap: %.0f MB before; during the export at most %.0f MB live after a collection,"
                        + " %.0f MB with garbage (sum of heap pools' peaks); -Xmx %d MB%n",
                usedBefore / 1e6, liveAfterGc / 1e6, peak / 1e6, Runtime.getRuntime().maxMemory() / 1_000_000);
    }

    private static List<RecordToStore> records(int i) {
        List<RecordToStore> records = new ArrayList<>();
        String patient = RecordId.random().value();
        String born = (1940 + i % 60) + "-0" + (1 + i % 9) + "-1" + (i % 9);
        records.add(record(patient, "Patient", "{\"resourceType\":\"Patient\",\"id\":\"" + patient + "\",\"name\":[{\"family\":"
                + "\"Bench" + i + "\"}],\"gender\":\"" + (i % 2 == 0 ? "female" : "male") + "\",\"birthDate\":\"" + born
                + "\",\"address\":[{\"state\":\"" + (i % 3 == 0 ? "東京都" : "大阪府") + "\"}]}"));
        for (int m = 1; m <= 6; m++) {
            boolean lab = m % 2 == 0;
            String id = RecordId.random().value();
            records.add(record(id, "Observation", "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\","
                    + "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\","
                    + "\"code\":\"" + (lab ? "laboratory" : "vital-signs") + "\"}]}],\"code\":{\"coding\":[{\"system\":"
                    + "\"http://loinc.org\",\"code\":\"" + (lab ? "4548-4" : "29463-7") + "\"}]},\"subject\":{\"reference\":"
                    + "\"Patient/" + patient + "\"},\"effectiveDateTime\":\"2026-0" + m + "-15T09:00:00+09:00\","
                    + "\"valueQuantity\":{\"value\":" + (lab ? 5.5 + (i % 20) / 10.0 : 50 + i % 40) + ",\"unit\":\""
                    + (lab ? "%" : "kg") + "\"}}"));
        }
        String condition = RecordId.random().value();
        records.add(record(condition, "Condition", "{\"resourceType\":\"Condition\",\"id\":\"" + condition + "\",\"subject\":"
                + "{\"reference\":\"Patient/" + patient + "\"},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"44054006\"}]}}"));
        return records;
    }

    private static RecordToStore record(String id, String type, String json) {
        return new RecordToStore(new RecordId(id), new ResourceType(type), DataCategory.MEDICAL, RecordContent.ofUtf8(json));
    }
}
