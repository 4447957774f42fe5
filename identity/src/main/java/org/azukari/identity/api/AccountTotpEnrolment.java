package org.azukari.identity.api;

import java.net.URI;
import java.util.Objects;

/**
 * A TOTP secret just generated for an account, as an {@code otpauth://totp/...} URI to show
 * once as a QR code. It holds the secret: {@link #toString()} shows the account only. The
 * factor becomes active when the first code is confirmed.
 */
public record AccountTotpEnrolment(AccountId account, URI otpauthUri) {

    public AccountTotpEnrolment {
        Objects.requireNonNull(account);
        Objects.requireNonNull(otpauthUri);
    }

    @Override
    public String toString() {
        return "AccountTotpEnrolment[account=" + account + ", otpauthUri=redacted]";
    }
}
