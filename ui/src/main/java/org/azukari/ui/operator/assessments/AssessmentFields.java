package org.azukari.ui.operator.assessments;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.azukari.consent.api.AssessmentTerms;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.PrivacyContact;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.ui.operator.OperatorForms;

/**
 * An assessment as the console's form posts it (fields prefixed {@code pia}, so that they sit in
 * the registration form beside the organisation's own purposes). Missing fields are {@code OP-0001};
 * the assessment's own limits are consent-policy's ({@code CP-0401}, {@code CP-0402}).
 */
public record AssessmentFields(String piaPurpose, List<String> piaDataItem, String piaRecipients, String piaRetention,
                               String piaRisks, String piaMitigations, String piaContactName, String piaContactReach) {

    /** What the form offers as data items: the categories and the finer kinds residents see most. */
    public static final List<String> CHOICES = List.of("MEDICAL", "MEDICAL/laboratory", "MEDICAL/vital-signs",
            "MEDICAL/medication", "MEDICAL/diagnosis", "CARE", "PAYMENT");

    /** Whether anything of an assessment was filled in (registration of a kind that may go without). */
    public boolean present() {
        return Stream.of(piaPurpose, piaRecipients, piaRetention, piaRisks, piaMitigations, piaContactName,
                piaContactReach).anyMatch(v -> v != null && !v.isBlank()) || (piaDataItem != null && !piaDataItem.isEmpty());
    }

    public Optional<AssessmentTerms> ifPresent() {
        return present() ? Optional.of(terms()) : Optional.empty();
    }

    public AssessmentTerms terms() {
        if (piaDataItem == null || piaDataItem.isEmpty()) {
            throw new BadInputException(FhirGatewayError.OP_0001, "piaDataItem is required");
        }
        Set<ConsentCategory> items = piaDataItem.stream().map(item -> {
            if (!CHOICES.contains(item)) {
                throw new BadInputException(FhirGatewayError.OP_0001, "piaDataItem is not one of the choices");
            }
            return ConsentCategory.parse(item);
        }).collect(Collectors.toSet());
        return new AssessmentTerms(OperatorForms.required(piaPurpose, "piaPurpose"), items,
                OperatorForms.required(piaRecipients, "piaRecipients"),
                OperatorForms.required(piaRetention, "piaRetention"), OperatorForms.required(piaRisks, "piaRisks"),
                OperatorForms.required(piaMitigations, "piaMitigations"),
                new PrivacyContact(OperatorForms.required(piaContactName, "piaContactName"),
                        OperatorForms.required(piaContactReach, "piaContactReach").strip()));
    }
}
