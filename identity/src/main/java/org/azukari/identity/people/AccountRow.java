package org.azukari.identity.people;

import java.time.Instant;
import java.util.Optional;
import org.azukari.identity.api.PersonAccount;

/**
 * One {@code id_account} row as the sign-in needs it. Holds the password hash and the sealed
 * TOTP secret, so {@link #toString()} shows the account id only. A {@code disabled} account (by an
 * operator, e.g. when it was compromised) neither signs in nor keeps its sessions.
 */
public record AccountRow(PersonAccount account, Username username, String passwordHash, int failedAttempts,
                         Optional<Instant> lockedUntil, Optional<byte[]> sealedTotpSecret, boolean totpConfirmed,
                         long totpLastStep, boolean disabled) {

    public boolean lockedAt(Instant now) {
        return lockedUntil.isPresent() && now.isBefore(lockedUntil.get());
    }

    public boolean needsSecondFactor() {
        return totpConfirmed && sealedTotpSecret.isPresent();
    }

    @Override
    public String toString() {
        return "AccountRow[account=" + account.account() + ", kind=" + account.kind() + "]";
    }
}
