package org.azukari.server.testing;

import java.util.List;
import org.azukari.consent.api.DataCategory;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;

/**
 * Stored records whose decrypted content no FHIR parser takes: an Observation re-serialised with a
 * number of a million digits (past the JSON parser's number limit), content that is not JSON, and
 * an unknown resourceType. Each carries {@link #MARKER} so a test can prove it never leaves the bank.
 */
public final class UnreadableRecords {

    /** Text inside every unreadable content, never to be seen in a response or a log line. */
    public static final String MARKER = "unreadable-secret-7731";

    private UnreadableRecords() {
    }

    public static List<RecordToStore> of(String suffix) {
        String digits = "9".repeat(1_000_001);
        return List.of(
                record("bad-number-" + suffix, "Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\","
                        + "\"code\":{\"text\":\"" + MARKER + "\"},\"valueQuantity\":{\"value\":" + digits + "}}"),
                record("bad-json-" + suffix, "Observation", "{\"resourceType\":\"Observation\",\"note\":\"" + MARKER),
                record("bad-type-" + suffix, "Observation", "{\"resourceType\":\"Unheard" + "Of\",\"text\":\""
                        + MARKER + "\"}"));
    }

    private static RecordToStore record(String id, String type, String json) {
        return new RecordToStore(new RecordId(id), new ResourceType(type), DataCategory.MEDICAL,
                RecordContent.ofUtf8(json));
    }
}
