package org.azukari.fhir.release;

import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;

/**
 * The seam to consent-policy's consent requests: when a clinic is introduced by a share code
 * and no consent covers it yet, a request is filed for the resident to answer in the portal.
 */
@FunctionalInterface
public interface ConsentRequests {

    void fileRequest(ResidentId resident, Recipient recipient, Purpose purpose);
}
