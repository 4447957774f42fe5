package org.azukari.trustbank.bench;

import java.util.Random;

/** A made-up HbA1c Observation of about 750 bytes, like a typical lab result in a bundle. */
final class SyntheticObservation {

    private SyntheticObservation() {
    }

    static String json(Random random) {
        StringBuilder note = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            note.append((char) ('a' + random.nextInt(26)));
        }
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\",\"display\":\"Hemoglobin A1c\"}]},"
                + "\"subject\":{\"reference\":\"Patient/p" + random.nextInt(1_000_000) + "\"},"
                + "\"effectiveDateTime\":\"2026-" + (10 + random.nextInt(3)) + "-" + (10 + random.nextInt(18)) + "\","
                + "\"valueQuantity\":{\"value\":" + (5 + random.nextInt(40) / 10.0) + ",\"unit\":\"%\","
                + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"},"
                + "\"performer\":[{\"reference\":\"Organization/o" + random.nextInt(500) + "\"}],"
                + "\"note\":[{\"text\":\"" + note + " " + note + " " + note + " " + note + "\"}],"
                + "\"referenceRange\":[{\"low\":{\"value\":4.6,\"unit\":\"%\"},\"high\":{\"value\":6.2,\"unit\":\"%\"}}]}";
    }
}
