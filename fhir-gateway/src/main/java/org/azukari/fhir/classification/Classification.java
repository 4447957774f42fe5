package org.azukari.fhir.classification;

import java.util.Objects;
import org.azukari.consent.api.DataCategory;

/** What the classification rules say of one resource. Never a null: unknown types are {@link Unclassified}. */
public sealed interface Classification {

    /** A health record in a consent category, with a finer subcategory (e.g. MEDICAL / laboratory). */
    record Categorised(DataCategory category, String subcategory) implements Classification {
        public Categorised {
            Objects.requireNonNull(category);
            Objects.requireNonNull(subcategory);
        }
    }

    /** Stored so that released records still resolve (Patient, Organization, Practitioner, ...). */
    record Supporting() implements Classification {
    }

    /** Conformance or infrastructure resources: never taken in. */
    record Refused(String resourceType) implements Classification {
    }

    /**
     * A type no rule takes: a Bundle (an input's envelope, never a record), or any type when the
     * rules have no default ({@code *}) row. Refused, so that nothing slips in under no category.
     */
    record Unclassified(String resourceType) implements Classification {
    }
}
