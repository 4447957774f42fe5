package org.azukari.identity.api;

import java.util.Objects;
import java.util.UUID;

/** A person's sign-in account (resident, e-resident, practitioner, operator, auditor). */
public record AccountId(UUID value) {

    public AccountId {
        Objects.requireNonNull(value, "account id");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
