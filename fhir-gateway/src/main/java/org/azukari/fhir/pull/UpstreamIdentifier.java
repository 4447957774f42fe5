package org.azukari.fhir.pull;

import java.util.Objects;

/**
 * The identifier a source knows a resident by (an MRN in the source's system). Only ever held in
 * memory: stored sealed ({@link IdentifierSeal}), never logged; {@link #toString()} hides the value.
 */
public record UpstreamIdentifier(String system, String value) {

    public UpstreamIdentifier {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(value, "value");
    }

    /** The FHIR token search parameter value, {@code system|value}. */
    String token() {
        return system + "|" + value;
    }

    @Override
    public String toString() {
        return "UpstreamIdentifier[system=" + system + ", value=redacted]";
    }
}
