package org.azukari.fhir.release;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.BankSecrets;

/**
 * One-time codes a resident shows a clinic (as text or QR): 10 characters of an alphabet with
 * no look-alikes (no 0/O, 1/I/L), about 49 bits, valid for a short time (default 15 minutes),
 * usable once. Only HMAC-SHA-256 of the code (key {@code gateway/share-code-v1}) is stored.
 */
public final class ShareCodes {

    public static final String KEY_PURPOSE = "gateway/share-code-v1";
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 10;

    private final ShareCodeStore store;
    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ShareCodes(ShareCodeStore store, BankSecrets secrets, Duration lifetime, Clock clock) {
        this.store = store;
        this.key = new SecretKeySpec(secrets.derive(KEY_PURPOSE), "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A code shown to the resident once; {@link #toString()} does not show it. */
    public record Issued(String code, Instant expiresAt) {
        public Issued {
            Objects.requireNonNull(code);
            Objects.requireNonNull(expiresAt);
        }

        @Override
        public String toString() {
            return "ShareCode[redacted, expires " + expiresAt + "]";
        }
    }

    public Issued issue(ResidentId resident) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Instant expires = clock.instant().plus(lifetime);
        store.save(hash(code.toString()), resident, expires);
        return new Issued(code.toString(), expires);
    }

    /** The resident of an unused, unexpired code, without using it up; empty for anything else. */
    public Optional<ResidentId> holder(String code) {
        String normalised = normalise(code);
        return normalised == null ? Optional.empty() : store.holder(hash(normalised), clock.instant());
    }

    /** The resident of an unused, unexpired code, and the code is then used up; empty for anything else. */
    public Optional<ResidentId> redeem(String code) {
        String normalised = normalise(code);
        if (normalised == null) {
            return Optional.empty();
        }
        return store.redeem(hash(normalised), clock.instant());
    }

    /** Upper case, without spaces and dashes (people read codes out in groups); null when it cannot be a code. */
    static String normalise(String code) {
        if (code == null || code.length() > 32) {
            return null;
        }
        String text = code.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (text.length() != LENGTH || text.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
            return null;
        }
        return text;
    }

    private byte[] hash(String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(code.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new BadStateException(FhirGatewayError.FG_0702, "HMAC-SHA-256 unavailable", e);
        }
    }
}
