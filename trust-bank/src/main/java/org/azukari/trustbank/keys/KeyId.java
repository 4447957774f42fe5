package org.azukari.trustbank.keys;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.trustbank.api.TrustBankError;

/**
 * The opaque name of a resident's key-encryption key in the vault: {@code rk-} and 26 random
 * base-32 characters. It is never derived from a name, a My Number or any other identifier,
 * so the vault's key list says nothing about who the residents are.
 */
public record KeyId(String value) {

    private static final Pattern FORMAT = Pattern.compile("rk-[a-z2-7]{26}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public KeyId {
        Objects.requireNonNull(value, "key id");
        if (!FORMAT.matcher(value).matches()) {
            throw new BadInputException(TrustBankError.TB_0401, "malformed key id");
        }
    }

    public static KeyId random() {
        char[] chars = new char[26];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = BASE32[RANDOM.nextInt(BASE32.length)];
        }
        return new KeyId("rk-" + new String(chars));
    }

    @Override
    public String toString() {
        return value;
    }
}
