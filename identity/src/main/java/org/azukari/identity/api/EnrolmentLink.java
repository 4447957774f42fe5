package org.azukari.identity.api;

import java.util.Objects;
import org.azukari.consent.api.ResidentId;

/**
 * Ties a source organisation's identifier for a person (its patient id in its MRN system,
 * an insurance number in an insurance-number system) to a resident. The bank keeps only a
 * keyed hash of {@code value}; {@link #toString()} never shows it.
 *
 * @param system the identifier system as a URI, e.g. {@code urn:oid:1.2.392.100495.20.3.51.1...}
 */
public record EnrolmentLink(ResidentId resident, OrganisationId source, String system, String value) {

    public EnrolmentLink {
        Objects.requireNonNull(resident, "resident");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "EnrolmentLink[resident=" + resident + ", source=" + source + ", value=redacted]";
    }
}
