package org.azukari.server.demo;

import java.util.ArrayList;
import java.util.List;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;

/**
 * The demo resident's records ({@code infra/run --demo}): a year of quarterly check-ups, a step
 * count, a care plan and a pharmacy claim. Stored straight into the bank, not through the ingest,
 * so their content carries no id: the bank's record id names them. Tests store the same shape to
 * reproduce what the demo serves.
 */
public final class DemoRecords {

    private DemoRecords() {
    }

    public static List<RecordToStore> of(ResidentId resident) {
        String suffix = resident.value().toString().substring(24);
        List<RecordToStore> records = new ArrayList<>();
        // a year of quarterly check-ups, so the portal has something to chart
        String[][] checkUps = {{"2025-10-01", "6.6", "138", "88", "64.2"}, {"2026-01-08", "6.4", "134", "86", "63.5"},
                {"2026-04-02", "6.3", "131", "84", "62.9"}, {"2026-10-01", "6.1", "126", "80", "62.1"}};
        for (String[] c : checkUps) {
            String day = c[0];
            records.add(record("hba1c-" + day + "-" + suffix, "Observation", DataCategory.MEDICAL, observation(day,
                    "4548-4", "Hemoglobin A1c", "\"valueQuantity\":{\"value\":" + c[1] + ",\"unit\":\"%\"},"
                            + "\"referenceRange\":[{\"low\":{\"value\":4.6,\"unit\":\"%\"},\"high\":{\"value\":6.2,"
                            + "\"unit\":\"%\"}}]")));
            records.add(record("bp-" + day + "-" + suffix, "Observation", DataCategory.MEDICAL, observation(day,
                    "85354-9", "Blood pressure", "\"component\":[{\"code\":{\"text\":\"Systolic\"},\"valueQuantity\":"
                            + "{\"value\":" + c[2] + ",\"unit\":\"mmHg\"}},{\"code\":{\"text\":\"Diastolic\"},"
                            + "\"valueQuantity\":{\"value\":" + c[3] + ",\"unit\":\"mmHg\"}}]")));
            records.add(record("weight-" + day + "-" + suffix, "Observation", DataCategory.MEDICAL, observation(day,
                    "29463-7", "Body weight", "\"valueQuantity\":{\"value\":" + c[4] + ",\"unit\":\"kg\"}")));
        }
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

    private static String observation(String day, String loinc, String display, String value) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://loinc.org\",\"code\":\"" + loinc + "\",\"display\":\"" + display + "\"}]},"
                + "\"effectiveDateTime\":\"" + day + "\"," + value + "}";
    }

    private static RecordToStore record(String id, String type, DataCategory category, String json) {
        return new RecordToStore(new RecordId(id), new ResourceType(type), category, RecordContent.ofUtf8(json));
    }
}
