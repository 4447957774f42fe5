package org.azukari.identity.people.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.BadStateException;
import org.azukari.identity.api.IdentityError;

/**
 * RFC 6238 TOTP with the parameters every authenticator app supports: HMAC-SHA-1, 6 digits,
 * 30-second steps from the Unix epoch. A code is accepted for the current step and one step
 * either side (clock drift), and only for a step later than the last one used, so each code
 * works once.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    public static final int SECRET_BYTES = 20;
    private static final int WINDOW = 1;
    private static final Pattern CODE = Pattern.compile("[0-9]{" + DIGITS + "}");

    private Totp() {
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for one step, as RFC 6238 (with RFC 4226's dynamic truncation) computes it; up to 9 digits. */
    public static String code(byte[] secret, long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int modulus = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new BadStateException(IdentityError.ID_0196, "HMAC-SHA-1 unavailable", e);
        }
    }

    public static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS);
    }

    /**
     * The step whose code {@code typed} is, within one step of {@code now} and after
     * {@code lastUsedStep}; empty when it is malformed, wrong, too old or already used.
     * Every step in the window is computed and compared in constant time.
     */
    public static OptionalLong verify(byte[] secret, String typed, Instant now, long lastUsedStep) {
        if (typed == null || !CODE.matcher(typed).matches()) {
            return OptionalLong.empty();
        }
        long current = step(now);
        long matched = Long.MIN_VALUE;
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            boolean equal = MessageDigest.isEqual(code(secret, s).getBytes(), typed.getBytes());
            if (equal && s > lastUsedStep && matched == Long.MIN_VALUE) {
                matched = s;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }
}
