package org.azukari.fhir.release;

import java.util.Optional;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint.Decision;
import org.azukari.consent.api.DataCategory;
import org.azukari.fhir.classification.Classification;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.trustbank.api.StoredRecord;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a consent decision lets out of the bank, asked twice for every record: before decrypting,
 * from its type and stored category (could any classification it may have be released?), and
 * after, from its actual classification (is this one released?). One place for both, for the
 * clinic release and the dataset export alike.
 */
public final class DecisionFilter {

    private final DataClassifier classifier;

    public DecisionFilter(DataClassifier classifier) {
        this.classifier = classifier;
    }

    /** Decided before decrypting: whether any classification a record of this type and category may have is released. */
    public boolean openable(Decision decision, StoredRecord record) {
        return classifier.subcategories(record.type().value(), record.category()).stream()
                .anyMatch(sub -> decision.releases(ConsentCategory.of(record.category(), sub)));
    }

    /** Decided on the plaintext: the record's category and subcategory, if the decision releases them. */
    public Optional<ConsentCategory> released(Decision decision, StoredRecord record, Resource resource) {
        Classification classification = classifier.classify(resource, kindOf(record.category()));
        if (classification instanceof Classification.Categorised categorised && categorised.category() == record.category()) {
            ConsentCategory category = ConsentCategory.of(categorised.category(), categorised.subcategory());
            return decision.releases(category) ? Optional.of(category) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The organisation kind whose rules put a record into its stored category (care data from care providers). */
    private static OrganisationKind kindOf(DataCategory category) {
        return switch (category) {
            case CARE -> OrganisationKind.CARE_PROVIDER;
            case PAYMENT -> OrganisationKind.PAYMENT_PROVIDER;
            default -> OrganisationKind.HOSPITAL;
        };
    }
}
