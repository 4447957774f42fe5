package org.azukari.identity.api;

import java.util.Objects;

/**
 * A username and initial password for a new account, as typed. Validated by the registry
 * (username 3-64 of {@code [a-z0-9._-]}, case-insensitive; password 12-128 characters, not
 * the username). {@link #toString()} shows neither.
 */
public record AccountCredentials(String username, String password) {

    public AccountCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "AccountCredentials[redacted]";
    }
}
