package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.UNPROCESSABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import org.azukari.consent.api.DataCategory;
import org.azukari.fhir.classification.Classification;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.OrganisationKind;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The data category each entry is stored under, by the classification rules: a rule's category,
 * or for supporting resources the category of the source's kind (a type no row names takes the
 * rules' default row, by the source's kind too). Conformance and infrastructure types are refused
 * (FG-0301), and so is a Bundle inside a Bundle (FG-0302).
 */
final class EntryCategories {

    private final DataClassifier classifier;

    EntryCategories(DataClassifier classifier) {
        this.classifier = classifier;
    }

    DataCategory category(OrganisationKind kind, IngestEntry entry) {
        Classification classification = classifier.classify(entry.resource(), kind);
        if (classification instanceof Classification.Categorised categorised) {
            return categorised.category();
        }
        if (classification instanceof Classification.Supporting) {
            return ofSourceKind(kind);
        }
        if (classification instanceof Classification.Refused refused) {
            throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0301, IssueType.NOTSUPPORTED,
                    refused.resourceType() + " is a conformance or infrastructure resource, not a health record;"
                            + " the bank does not take it in", entry.expression());
        }
        throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0302, IssueType.NOTSUPPORTED, entry.type()
                + " is not a type the bank takes in as a record (a Bundle is how an input arrives; send its entries)",
                entry.expression());
    }

    /** Hospitals and clinics send medical data, care providers care data, payment providers payment data. */
    static DataCategory ofSourceKind(OrganisationKind kind) {
        return switch (kind) {
            case CARE_PROVIDER -> DataCategory.CARE;
            case PAYMENT_PROVIDER -> DataCategory.PAYMENT;
            default -> DataCategory.MEDICAL;
        };
    }
}
