package org.azukari.server.testing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A hospital feed's transaction: one Patient by its MRN and one glucose Observation of theirs. The
 * Patient's {@code urn:uuid} is derived from the MRN because a source never reuses one for another
 * patient (the bank keeps it as an alias of the resource it named first).
 */
public final class PatientGlucoseBundles {

    public static final String MRN = "urn:oid:1.2.392.100495.20.3.51.11318814790";

    private PatientGlucoseBundles() {
    }

    public static String of(String mrn, String glucose) {
        String patientUrn = "urn:uuid:" + UUID.nameUUIDFromBytes(("patient-" + mrn).getBytes(StandardCharsets.UTF_8));
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"fullUrl\":\"" + patientUrn + "\",\"resource\":{\"resourceType\":\"Patient\","
                + "\"id\":\"p-" + mrn + "\",\"identifier\":[{\"system\":\"" + MRN + "\",\"value\":\"" + mrn + "\"}]},"
                + "\"request\":{\"method\":\"PUT\",\"url\":\"Patient/p-" + mrn + "\"}},"
                + "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o-" + mrn + "\",\"status\":\"final\","
                + "\"code\":{\"text\":\"glucose\"},\"valueQuantity\":{\"value\":" + glucose + ",\"unit\":\"mg/dL\"},"
                + "\"subject\":{\"reference\":\"" + patientUrn + "\"}},"
                + "\"request\":{\"method\":\"PUT\",\"url\":\"Observation/o-" + mrn + "\"}}]}";
    }
}
