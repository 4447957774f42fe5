package org.azukari.identity.api;

import java.util.Optional;
import org.apache.shiro.authc.UsernamePasswordToken;

/**
 * A portal sign-in: username, password and, for accounts with a second factor, the current
 * six-digit TOTP code. Always offer the code field: whether an account needs it is not
 * disclosed before sign-in. {@link #toString()} shows nothing typed.
 */
public final class PersonSignInToken extends UsernamePasswordToken {

    private static final long serialVersionUID = 1L;

    private String code;

    public PersonSignInToken(String username, char[] password, Optional<String> code) {
        super(username, password);
        this.code = code.orElse(null);
    }

    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    @Override
    public void clear() {
        super.clear();
        code = null;
    }

    @Override
    public String toString() {
        return "PersonSignInToken[redacted]";
    }
}
