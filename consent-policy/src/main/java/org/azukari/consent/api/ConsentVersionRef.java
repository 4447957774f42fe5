package org.azukari.consent.api;

import java.util.Objects;

/** A consent (or an emergency access) by id and version: what a release relied on, for receipts and the log. */
public record ConsentVersionRef(String id, int version) {

    public ConsentVersionRef {
        Objects.requireNonNull(id);
        if (!id.matches("[A-Za-z0-9._-]{1,64}") || version < 1) {
            throw new BadInputException(ConsentPolicyError.CP_0203, "malformed consent reference");
        }
    }

    @Override
    public String toString() {
        return id + "/v" + version;
    }
}
