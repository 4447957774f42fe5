package org.azukari.identity.people;

import java.security.SecureRandom;
import java.util.Base64;
import org.apache.shiro.authc.credential.DefaultPasswordService;
import org.apache.shiro.authc.credential.PasswordService;
import org.apache.shiro.crypto.hash.HashRequest;
import org.apache.shiro.lang.util.ByteSource;

/**
 * Argon2id through Shiro 2's {@link DefaultPasswordService}, stored in Shiro 2's crypt
 * format: {@code $shiro2$argon2id$v=19$t=3,m=65536,p=4$<salt b64>$<hash b64>}. The cost comes
 * from {@link IdentityProperties.Argon2}; verification reads it from the stored string.
 */
final class Argon2Passwords {

    private final PasswordService passwords;
    /** Verified against when the username is unknown, so that path costs what a real one does. */
    private final String dummyHash;

    Argon2Passwords(IdentityProperties.Argon2 cost) {
        this(costed(cost));
    }

    /** Over any Shiro password service (tests wrap it to count verifications). */
    Argon2Passwords(PasswordService passwords) {
        this.passwords = passwords;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = passwords.encryptPassword(Base64.getEncoder().encodeToString(random));
    }

    static PasswordService costed(IdentityProperties.Argon2 cost) {
        return new DefaultPasswordService() {
            @Override
            protected HashRequest createHashRequest(ByteSource plaintext) {
                // The Argon2 provider parses these as strings.
                return new HashRequest.Builder().setSource(plaintext).setAlgorithmName("argon2id")
                        .addParameter("Argon2.iterations", Integer.toString(cost.iterations()))
                        .addParameter("Argon2.memoryKib", Integer.toString(cost.memoryKib()))
                        .addParameter("Argon2.parallelism", Integer.toString(cost.parallelism()))
                        .build();
            }
        };
    }

    String hash(String password) {
        return passwords.encryptPassword(password);
    }

    boolean matches(String password, String storedHash) {
        if (Accounts.NO_PASSWORD.equals(storedHash)) {
            matchDummy(password); // the same time as a wrong password
            return false;
        }
        return passwords.passwordsMatch(password, storedHash);
    }

    /** Spends the time of one verification and answers nothing. */
    void matchDummy(String password) {
        passwords.passwordsMatch(password, dummyHash);
    }
}
