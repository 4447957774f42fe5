package org.azukari.ui.assessments;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.AssessmentTerms;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers an organisation, and a recipient organisation only with its privacy impact assessment
 * (mission 7: an assessment for each service). A clinic or a wellness service receives residents'
 * data, so registering one without an assessment is refused ({@code OP-0030}) before anything is
 * written; any other kind may bring one. The organisation and the assessment's first version are
 * written in one transaction of the application's transaction manager over its data source
 * (identity's registry and consent-policy's assessments both join it), so a failure leaves neither
 * behind.
 */
@Component
public final class RecipientRegistration {

    /** The kinds an operator registers only with an assessment. */
    public static final Set<OrganisationKind> ASSESSED_AT_REGISTRATION =
            EnumSet.of(OrganisationKind.CLINIC, OrganisationKind.WELLNESS_SERVICE);

    private final OrganisationRegistry organisations;
    private final PrivacyAssessments assessments;
    private final TransactionTemplate transactions;

    public RecipientRegistration(OrganisationRegistry organisations, PrivacyAssessments assessments,
                                 PlatformTransactionManager transactionManager) {
        this.organisations = organisations;
        this.assessments = assessments;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public Organisation register(Organisation organisation, Optional<AssessmentTerms> assessment, String reviewer) {
        if (assessment.isEmpty() && ASSESSED_AT_REGISTRATION.contains(organisation.kind())) {
            throw new BadInputException(FhirGatewayError.OP_0030, "a clinic or wellness service is registered with its privacy"
                    + " impact assessment");
        }
        return transactions.execute(status -> {
            Organisation registered = organisations.registerOrganisation(organisation);
            assessment.ifPresent(terms -> assessments.record(AssessmentSubject.recipient(registered.id().value()),
                    terms, reviewer));
            return registered;
        });
    }
}
