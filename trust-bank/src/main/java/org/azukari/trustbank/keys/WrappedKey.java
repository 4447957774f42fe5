package org.azukari.trustbank.keys;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.trustbank.api.TrustBankError;

/**
 * A data key wrapped by a key-encryption key, in the vault's own text form
 * {@code <prefix>:v<key version>:<base64>} (Vault transit's {@code vault:v3:...}, or
 * {@code local:v3:...} for the local key vault). The key version tells which KEK version
 * wrapped it, which is what rotation and retirement need.
 */
public record WrappedKey(String text) {

    /** Far above a transit ciphertext of a 32-byte key; anything longer is not ours. */
    public static final int MAX_LENGTH = 512;
    private static final Pattern FORMAT = Pattern.compile("([a-z]{1,16}):v([0-9]{1,9}):([A-Za-z0-9+/=]{1,480})");

    public WrappedKey {
        Objects.requireNonNull(text, "wrapped key");
        if (text.length() > MAX_LENGTH || !FORMAT.matcher(text).matches()) {
            throw new BadInputException(TrustBankError.TB_0404, "malformed wrapped key");
        }
    }

    public int keyVersion() {
        Matcher matcher = FORMAT.matcher(text);
        matcher.matches();
        return Integer.parseInt(matcher.group(2));
    }

    @Override
    public String toString() {
        return "WrappedKey[v" + keyVersion() + "]";
    }
}
