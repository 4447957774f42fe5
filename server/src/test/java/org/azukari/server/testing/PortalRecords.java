package org.azukari.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.PersonAccount;

/**
 * A fresh resident with realistic records pushed through the real ingest by the world's hospital
 * feed: three HbA1c results with a reference range (the last one 7.2 %), three blood pressures
 * (components), three body weights, a diabetes diagnosis, a prescription and an allergy.
 */
public final class PortalRecords {

    public static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.19999999999";

    public record Resident(String username, ResidentId id, String mrn) {
    }

    private PortalRecords() {
    }

    public static Resident residentWithRecords(RealIdentityWorld world, String label) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = label + "-" + suffix;
        PersonAccount account = world.registerResident(username);
        ResidentId resident = account.resident().orElseThrow();
        String mrn = "mrn-" + suffix;
        world.people.linkEnrolment(new EnrolmentLink(resident, world.world().hospital(), MRN_SYSTEM, mrn));
        RealIdentityWorld.SystemClient feed = world.registerSourceFeed("feed-" + suffix, world.world().hospital());
        String token = world.accessToken(feed, "system/*.cu");
        RawHttp.Response answer = world.http.send("POST", "/fhir", "application/fhir+json", bundle(mrn, "p" + suffix),
                RealIdentityWorld.bearer(token));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).as("every entry stored").doesNotContain("\"status\":\"4");
        return new Resident(username, resident, mrn);
    }

    public static String bundle(String mrn, String src) {
        List<String> entries = new ArrayList<>();
        entries.add(entry("Patient", src + "-pat", "{\"resourceType\":\"Patient\",\"id\":\"" + src + "-pat\","
                + "\"identifier\":[{\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"" + mrn + "\"}],"
                + "\"name\":[{\"family\":\"Yamada\",\"given\":[\"Hanako\"]}],\"gender\":\"female\","
                + "\"birthDate\":\"1970-04-01\"}"));
        String[][] hba1c = {{"2025-05-10", "6.4"}, {"2025-11-12", "6.9"}, {"2026-05-20", "7.2"}};
        for (int i = 0; i < hba1c.length; i++) {
            entries.add(observation(src + "-a1c" + i, src, "laboratory", "4548-4", "HbA1c", hba1c[i][0],
                    "\"valueQuantity\":{\"value\":" + hba1c[i][1] + ",\"unit\":\"%\"},\"referenceRange\":[{"
                            + "\"low\":{\"value\":4.6,\"unit\":\"%\"},\"high\":{\"value\":6.2,\"unit\":\"%\"}}]"));
        }
        String[][] pressure = {{"2025-06-01", "128", "82"}, {"2025-12-01", "134", "86"}, {"2026-06-01", "126", "80"}};
        for (int i = 0; i < pressure.length; i++) {
            entries.add(observation(src + "-bp" + i, src, "vital-signs", "85354-9", "Blood pressure", pressure[i][0],
                    "\"component\":[" + component("8480-6", "Systolic", pressure[i][1]) + ","
                            + component("8462-4", "Diastolic", pressure[i][2]) + "]"));
        }
        String[][] weight = {{"2025-06-01", "62.5"}, {"2025-12-01", "61.8"}, {"2026-06-01", "60.9"}};
        for (int i = 0; i < weight.length; i++) {
            entries.add(observation(src + "-wt" + i, src, "vital-signs", "29463-7", "Body weight", weight[i][0],
                    "\"valueQuantity\":{\"value\":" + weight[i][1] + ",\"unit\":\"kg\"}"));
        }
        entries.add(entry("Condition", src + "-dx", "{\"resourceType\":\"Condition\",\"id\":\"" + src + "-dx\","
                + "\"subject\":{\"reference\":\"Patient/" + src + "-pat\"},\"clinicalStatus\":{\"coding\":[{"
                + "\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},"
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"44054006\","
                + "\"display\":\"Type 2 diabetes mellitus\"}]},\"onsetDateTime\":\"2025-05-10\"}"));
        entries.add(entry("MedicationRequest", src + "-rx", "{\"resourceType\":\"MedicationRequest\",\"id\":\""
                + src + "-rx\",\"status\":\"active\",\"intent\":\"order\",\"subject\":{\"reference\":\"Patient/"
                + src + "-pat\"},\"medicationCodeableConcept\":{\"text\":\"Metformin 500 mg\"},"
                + "\"authoredOn\":\"2025-05-10\",\"dosageInstruction\":[{\"text\":\"1 tablet twice a day\"}]}"));
        entries.add(entry("AllergyIntolerance", src + "-alg", "{\"resourceType\":\"AllergyIntolerance\",\"id\":\""
                + src + "-alg\",\"clinicalStatus\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical\",\"code\":\"active\"}]},"
                + "\"patient\":{\"reference\":\"Patient/" + src + "-pat\"},\"code\":{\"text\":"
                + "\"Penicillin\"},\"recordedDate\":\"2024-03-03\"}"));
        return "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    private static String observation(String id, String src, String category, String loinc, String text, String date,
                                      String value) {
        return entry("Observation", id, "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":"
                + "\"final\",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"" + category + "\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\"}],\"text\":\""
                + text + "\"},\"subject\":{\"reference\":\"Patient/" + src + "-pat\"},\"effectiveDateTime\":\""
                + date + "\"," + value + "}");
    }

    private static String component(String loinc, String text, String value) {
        return "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\"}],\"text\":\""
                + text + "\"},\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"mmHg\"}}";
    }

    private static String entry(String type, String id, String resource) {
        return "{\"resource\":" + resource + ",\"request\":{\"method\":\"PUT\",\"url\":\"" + type + "/" + id + "\"}}";
    }
}
