package org.azukari.identity.people;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.shiro.authc.AuthenticationException;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;

/**
 * A person's sign-in: password, lock-out and second factor. Every refusal, whatever its cause
 * (unknown username, wrong password, locked or disabled account, missing or wrong code), is the same
 * exception with the same message; only the security event tells them apart. An unknown
 * username is verified against a dummy hash and a locked account's password is still
 * verified, so the time taken does not tell them apart either.
 */
final class PasswordAuthenticator {

    static final String REFUSED = "ID-0120 sign-in refused";

    static final String SIGNED_IN = "ID-0121";
    static final String SIGNED_IN_WITH_CODE = "ID-0122";
    static final String UNKNOWN_ACCOUNT = "ID-0123";
    static final String WRONG_PASSWORD = "ID-0124";
    static final String WHILE_LOCKED = "ID-0125";
    static final String LOCK_STARTED = "ID-0126";
    static final String CODE_MISSING = "ID-0127";
    static final String CODE_WRONG = "ID-0128";
    static final String DISABLED = "ID-0135";

    private final Accounts accounts;
    private final Argon2Passwords passwords;
    private final SecondFactor secondFactor;
    private final SecurityEvents events;
    private final Clock clock;

    PasswordAuthenticator(Accounts accounts, Argon2Passwords passwords, SecondFactor secondFactor,
                          SecurityEvents events, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.events = events;
        this.clock = clock;
    }

    /** The account this username, password and optional code sign in as; otherwise {@link #REFUSED}. */
    PersonAccount signIn(String username, String password, Optional<String> code) {
        Optional<AccountRow> found = Username.lenient(username).flatMap(accounts::byUsername);
        if (found.isEmpty()) {
            passwords.matchDummy(password);
            record(SecurityEvent.Type.SIGN_IN_FAILED, Optional.empty(), UNKNOWN_ACCOUNT);
            throw refused();
        }
        AccountRow row = found.get();
        boolean passwordMatches = passwords.matches(password, row.passwordHash());
        Instant now = clock.instant();
        if (row.lockedAt(now)) {
            record(SecurityEvent.Type.LOCKED_OUT, Optional.of(row.account()), WHILE_LOCKED);
            throw refused();
        }
        if (row.disabled()) {
            record(SecurityEvent.Type.SIGN_IN_FAILED, Optional.of(row.account()), DISABLED);
            throw refused();
        }
        if (!passwordMatches) {
            throw fail(row, now, SecurityEvent.Type.SIGN_IN_FAILED, WRONG_PASSWORD);
        }
        if (row.needsSecondFactor()) {
            if (code.isEmpty() || code.get().isBlank()) {
                throw fail(row, now, SecurityEvent.Type.SECOND_FACTOR_FAILED, CODE_MISSING);
            }
            if (!secondFactor.accept(row, code.get().strip())) {
                throw fail(row, now, SecurityEvent.Type.SECOND_FACTOR_FAILED, CODE_WRONG);
            }
        }
        accounts.recordSuccess(row.account().account());
        record(SecurityEvent.Type.SIGN_IN, Optional.of(row.account()),
                row.needsSecondFactor() ? SIGNED_IN_WITH_CODE : SIGNED_IN);
        return row.account();
    }

    /** Counts the failure, locks when the policy says so, records it, and gives the one refusal. */
    private AuthenticationException fail(AccountRow row, Instant now, SecurityEvent.Type type, String reason) {
        int failures = accounts.recordFailure(row.account().account());
        record(type, Optional.of(row.account()), reason);
        LockoutPolicy.lockAfter(failures).ifPresent(lock -> {
            accounts.lockUntil(row.account().account(), now.plus(lock));
            record(SecurityEvent.Type.LOCKED_OUT, Optional.of(row.account()), LOCK_STARTED);
        });
        return refused();
    }

    private void record(SecurityEvent.Type type, Optional<PersonAccount> account, String reason) {
        events.record(new SecurityEvent(clock.instant(), type, account.map(PersonAccount::kind),
                account.map(a -> a.account().toString()).orElse("unknown"),
                account.flatMap(PersonAccount::organisation), reason, Optional.empty()));
    }

    private static AuthenticationException refused() {
        return new AuthenticationException(REFUSED);
    }
}
