package org.azukari.identity.people;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.shiro.authc.credential.PasswordService;

/** Wraps the real Argon2 password service and counts verifications, so a test sees which path ran. */
final class CountingPasswordService implements PasswordService {

    private final PasswordService delegate;
    final AtomicInteger verifications = new AtomicInteger();

    CountingPasswordService(PasswordService delegate) {
        this.delegate = delegate;
    }

    @Override
    public String encryptPassword(Object plaintextPassword) {
        return delegate.encryptPassword(plaintextPassword);
    }

    @Override
    public boolean passwordsMatch(Object submittedPlaintext, String encrypted) {
        verifications.incrementAndGet();
        return delegate.passwordsMatch(submittedPlaintext, encrypted);
    }
}
