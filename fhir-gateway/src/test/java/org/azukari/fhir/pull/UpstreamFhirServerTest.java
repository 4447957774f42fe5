package org.azukari.fhir.pull;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class UpstreamFhirServerTest {

    @Test
    void startsAndServes() {
        long t0 = System.nanoTime();
        try (UpstreamFhirServer server = UpstreamFhirServer.start()) {
            System.out.println("START MS " + (System.nanoTime() - t0) / 1_000_000);
            Patient p = new Patient();
            p.addIdentifier().setSystem("urn:oid:1.2.3").setValue("MRN-1");
            server.client().create().resource(p).execute();
            Bundle found = server.client().search().forResource(Patient.class).returnBundle(Bundle.class).execute();
            assertThat(found.getEntry()).hasSize(1);
        }
    }
}
