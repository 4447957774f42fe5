package org.azukari.trustbank.testing;

import java.util.UUID;
import org.azukari.consent.api.DataCategory;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;

/** Synthetic FHIR records for tests, each carrying a distinctive marker to hunt for in stored bytes. */
public final class Records {

    private Records() {
    }

    public static String marker() {
        return "MARKER-" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    public static RecordToStore observation(RecordId id, String marker) {
        String json = "{\"resourceType\":\"Observation\",\"id\":\"" + id.value() + "\",\"status\":\"final\","
                + "\"code\":{\"text\":\"HbA1c " + marker + "\"},\"valueQuantity\":{\"value\":6.1,\"unit\":\"%\"},"
                + "\"note\":[{\"text\":\"山田太郎 " + marker + "\"}]}";
        return new RecordToStore(id, new ResourceType("Observation"), DataCategory.MEDICAL, RecordContent.ofUtf8(json));
    }

    public static RecordToStore observation(String marker) {
        return observation(RecordId.random(), marker);
    }
}
