package org.azukari.trustbank.api;

import java.util.Objects;
import java.util.regex.Pattern;

/** The FHIR resource type of a record, e.g. {@code Observation}; kept beside the ciphertext for search. */
public record ResourceType(String value) {

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");

    public ResourceType {
        Objects.requireNonNull(value, "resource type");
        if (!TYPE.matcher(value).matches()) {
            throw new InvalidRecordException("malformed resource type");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
