package org.azukari.identity.people;

import org.azukari.consent.api.BadInputException;
import org.azukari.identity.api.IdentityError;

/**
 * 12 to 128 characters (code points), not the username in any case, no 12-digit number (the
 * My Number is never asked for, and a hashed 12-digit number is cheap to reverse). No
 * composition rules: length is what resists guessing (NIST SP 800-63B).
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    static void check(Username username, String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new BadInputException(IdentityError.ID_0102, "the password must be 12 to 128 characters");
        }
        if (password.equalsIgnoreCase(username.value())) {
            throw new BadInputException(IdentityError.ID_0103, "the password must not be the username");
        }
        MyNumberGuard.refuse(password);
    }
}
