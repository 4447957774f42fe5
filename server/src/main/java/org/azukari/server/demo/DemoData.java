package org.azukari.server.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.TrustBank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Synthetic demo residents for {@code infra/run --demo}: a resident and an e-resident with a
 * few medical, care and payment records each. Fixed ids, so running it twice adds versions,
 * not residents. Every value is made up.
 */
@Component
@ConditionalOnProperty(name = "azukari.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final ResidentId DEMO_RESIDENT = new ResidentId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    static final ResidentId DEMO_E_RESIDENT = new ResidentId(UUID.fromString("00000000-0000-4000-8000-000000000002"));

    private final TrustBank trustBank;

    DemoData(TrustBank trustBank) {
        this.trustBank = trustBank;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (ResidentId resident : List.of(DEMO_RESIDENT, DEMO_E_RESIDENT)) {
            trustBank.enrol(resident);
            trustBank.storeAll(resident, records(resident));
        }
        log.info("Demo data loaded: residents {} and {}", DEMO_RESIDENT, DEMO_E_RESIDENT);
    }

    private static List<RecordToStore> records(ResidentId resident) {
        String suffix = resident.value().toString().substring(35);
        List<RecordToStore> records = new ArrayList<>();
        records.add(record("hba1c-" + suffix, "Observation", DataCategory.MEDICAL,
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                        + "\"code\":\"4548-4\",\"display\":\"Hemoglobin A1c\"}]},\"effectiveDateTime\":\"2026-10-01\","
                        + "\"valueQuantity\":{\"value\":6.1,\"unit\":\"%\"}}"));
        records.add(record("steps-" + suffix, "Observation", DataCategory.MEDICAL,
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                        + "\"code\":\"41950-7\",\"display\":\"Steps in 24 hours\"}]},\"effectiveDateTime\":\"2026-10-02\","
                        + "\"valueQuantity\":{\"value\":8042,\"unit\":\"steps\"}}"));
        records.add(record("care-plan-" + suffix, "CarePlan", DataCategory.CARE,
                "{\"resourceType\":\"CarePlan\",\"status\":\"active\",\"intent\":\"plan\",\"title\":\"Day service twice a week\"}"));
        records.add(record("pharmacy-" + suffix, "Claim", DataCategory.PAYMENT,
                "{\"resourceType\":\"Claim\",\"status\":\"active\",\"use\":\"claim\",\"total\":{\"value\":1280,\"currency\":\"JPY\"}}"));
        return records;
    }

    private static RecordToStore record(String id, String type, DataCategory category, String json) {
        return new RecordToStore(new RecordId(id), new ResourceType(type), category, RecordContent.ofUtf8(json));
    }
}
