package org.azukari.identity.api;

import java.util.Objects;

/** A provider as the sign-in page offers it: its id and its name in Japanese and English. */
public record SignInProvider(ProviderId id, String labelJa, String labelEn) {

    public SignInProvider {
        Objects.requireNonNull(id);
        Objects.requireNonNull(labelJa);
        Objects.requireNonNull(labelEn);
    }
}
