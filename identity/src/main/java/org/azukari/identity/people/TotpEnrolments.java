package org.azukari.identity.people;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.azukari.consent.api.BadInputException;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.AccountTotpEnrolment;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.people.totp.Base32;
import org.azukari.identity.people.totp.Totp;

/**
 * Enrols a TOTP second factor in two steps: a new secret is stored sealed and unconfirmed,
 * shown once as an {@code otpauth://} URI, and becomes active when the first code is
 * confirmed (so a badly scanned QR code does not lock anyone out).
 */
final class TotpEnrolments {

    static final String ISSUER = "Azukari";

    private final Accounts accounts;
    private final SecretBox box;
    private final SecondFactor secondFactor;
    private final SecureRandom random = new SecureRandom();

    TotpEnrolments(Accounts accounts, SecretBox box, SecondFactor secondFactor) {
        this.accounts = accounts;
        this.box = box;
        this.secondFactor = secondFactor;
    }

    AccountTotpEnrolment enrol(AccountId account) {
        AccountRow row = accounts.byId(account)
                .orElseThrow(() -> new BadInputException(IdentityError.ID_0140, "unknown account"));
        byte[] secret = new byte[Totp.SECRET_BYTES];
        random.nextBytes(secret);
        try {
            if (!accounts.setPendingTotp(account, box.seal(account, secret))) {
                throw new BadInputException(IdentityError.ID_0141, "a second factor is already active for this account");
            }
            return new AccountTotpEnrolment(account, uri(row.username(), Base32.encode(secret)));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    boolean confirm(AccountId account, String code) {
        AccountRow row = accounts.byId(account)
                .orElseThrow(() -> new BadInputException(IdentityError.ID_0140, "unknown account"));
        if (row.totpConfirmed() || !secondFactor.accept(row, code)) {
            return false;
        }
        accounts.confirmTotp(account);
        return true;
    }

    static URI uri(Username username, String base32Secret) {
        String label = URLEncoder.encode(ISSUER + ":" + username.value(), StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create("otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
    }
}
