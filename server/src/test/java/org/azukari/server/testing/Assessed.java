package org.azukari.server.testing;

import java.util.Set;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.AssessmentTerms;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.consent.api.PrivacyContact;

/**
 * A privacy impact assessment recorded as test set-up, for tests about something else that need a
 * dataset request to be approvable (an approval needs its assessment: {@code CP-0410}).
 */
public final class Assessed {

    private Assessed() {
    }

    /** The same assessment as the operator API's JSON body. */
    public static final String JSON = "{\"purpose\":\"Health advice from aggregates\",\"dataItems\":[\"MEDICAL\","
            + "\"PAYMENT\"],\"recipients\":\"The service's advisers\",\"retention\":\"Two years\","
            + "\"risks\":\"Re-identification\",\"mitigations\":\"De-identification with k of at least 10\","
            + "\"contactName\":\"Privacy officer\",\"contactReach\":\"dpo@test.example\"}";

    public static AssessmentTerms terms() {
        return new AssessmentTerms("Health advice from aggregates", Set.of(ConsentCategory.parse("MEDICAL"),
                ConsentCategory.parse("PAYMENT")), "The service's advisers", "Two years", "Re-identification",
                "De-identification with k of at least 10", new PrivacyContact("Privacy officer", "dpo@test.example"));
    }

    public static void datasetRequest(PrivacyAssessments assessments, String id) {
        assessments.record(AssessmentSubject.datasetRequest(new DatasetRequestId(id)), terms(), "test-operator");
    }
}
