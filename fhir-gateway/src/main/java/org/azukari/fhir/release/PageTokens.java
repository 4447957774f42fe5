package org.azukari.fhir.release;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.BadStateException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.BankSecrets;

/**
 * Opaque page tokens: base64url of {@code recipient \n purpose \n scope \n query \n offset \n expiry}
 * (the scope is the type searched, or {@code Patient/$everything}),
 * a dot, and its HMAC-SHA-256 (key {@code gateway/release-page-v1}). A token holds no health
 * data and no resident id (the query names the recipient's own pseudonym); it only says where
 * to continue. The next page runs the whole release again — decision, access log, filter — so a
 * withdrawal between pages empties it (404).
 */
public final class PageTokens {

    public static final String KEY_PURPOSE = "gateway/release-page-v1";
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final SecretKeySpec key;
    private final Clock clock;

    public PageTokens(BankSecrets secrets, Clock clock) {
        this.key = new SecretKeySpec(secrets.derive(KEY_PURPOSE), "HmacSHA256");
        this.clock = clock;
    }

    /** Where a page token says to continue: the canonical query and the offset. */
    public record Page(String canonical, int offset) {
    }

    public String next(ReleaseCaller caller, ReleaseQuery query, int offset) {
        return next(caller, query.type(), query.canonical(), offset);
    }

    public String next(ReleaseCaller caller, String scope, String canonical, int offset) {
        String payload = String.join("\n", caller.organisation(), caller.purpose().code(), scope,
                canonical, Integer.toString(offset), Long.toString(clock.instant().plus(LIFETIME).getEpochSecond()));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(mac(payload));
    }

    /** The page a token names, for this caller and scope; anything else (tampered, expired, another clinic's) is a 400. */
    public Page open(ReleaseCaller caller, String scope, String token) {
        try {
            int dot = token.indexOf('.');
            String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(mac(payload), Base64.getUrlDecoder().decode(token.substring(dot + 1)))) {
                throw invalid();
            }
            String[] parts = payload.split("\n", -1);
            if (parts.length != 6 || !parts[0].equals(caller.organisation()) || !parts[1].equals(caller.purpose().code())
                    || !parts[2].equals(scope) || Long.parseLong(parts[5]) < clock.instant().getEpochSecond()) {
                throw invalid();
            }
            return new Page(parts[3], Integer.parseInt(parts[4]));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw invalid();
        }
    }

    private static ReleaseRefusedException invalid() {
        return new ReleaseRefusedException(400, FhirGatewayError.FG_0712, "the page token is not valid here or has expired; search again");
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new BadStateException(FhirGatewayError.FG_0702, "HMAC-SHA-256 unavailable", e);
        }
    }
}
