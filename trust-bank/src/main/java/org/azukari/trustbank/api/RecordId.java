package org.azukari.trustbank.api;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A record's id inside one resident's custody; the FHIR logical id rules (1–64 of A-Z a-z 0-9 - .). */
public record RecordId(String value) {

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    public RecordId {
        Objects.requireNonNull(value, "record id");
        if (!FHIR_ID.matcher(value).matches()) {
            throw new InvalidRecordException("malformed record id");
        }
    }

    public static RecordId random() {
        return new RecordId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
