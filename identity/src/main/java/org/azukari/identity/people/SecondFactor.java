package org.azukari.identity.people;

import java.time.Clock;
import java.util.OptionalLong;
import org.azukari.identity.people.totp.Totp;

/** Checks a TOTP code against an account's sealed secret and spends its step, so no code works twice. */
final class SecondFactor {

    private final Accounts accounts;
    private final SecretBox box;
    private final Clock clock;

    SecondFactor(Accounts accounts, SecretBox box, Clock clock) {
        this.accounts = accounts;
        this.box = box;
        this.clock = clock;
    }

    /** True when {@code code} is current, unused, and now spent; a missing secret or an unreadable one is false. */
    boolean accept(AccountRow row, String code) {
        if (row.sealedTotpSecret().isEmpty()) {
            return false;
        }
        byte[] secret;
        try {
            secret = box.open(row.account().account(), row.sealedTotpSecret().get());
        } catch (SecretBox.Unreadable e) {
            return false;
        }
        OptionalLong step = Totp.verify(secret, code, clock.instant(), row.totpLastStep());
        java.util.Arrays.fill(secret, (byte) 0);
        // the conditional update is what makes a replay lose a race, too
        return step.isPresent() && accounts.useTotpStep(row.account().account(), step.getAsLong());
    }
}
