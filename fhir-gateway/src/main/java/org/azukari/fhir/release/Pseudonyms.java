package org.azukari.fhir.release;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.BankSecrets;

/**
 * Derives recipient pseudonyms: base32 (lower case, no padding) of
 * HMAC-SHA-256(key, recipient + "|" + resident), first 26 characters (130 bits). The key is
 * {@code BankSecrets.derive("gateway/recipient-pseudonym-v1")}; without it one recipient's
 * pseudonym says nothing of another's.
 *
 * <p>Records are renamed the same way, under their own key
 * ({@code gateway/recipient-record-id-v1}): HMAC-SHA-256(key, recipient + "|" + type + "|" + bank
 * record id). Two clinics that both received an Observation cannot tell from its id that it is
 * the same one, so record ids link no more across clinics than patient ids do.
 */
public final class Pseudonyms {

    public static final String KEY_PURPOSE = "gateway/recipient-pseudonym-v1";
    public static final String RECORD_KEY_PURPOSE = "gateway/recipient-record-id-v1";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final SecretKeySpec key;
    private final SecretKeySpec recordKey;

    public Pseudonyms(BankSecrets secrets) {
        this(secrets.derive(KEY_PURPOSE), secrets.derive(RECORD_KEY_PURPOSE));
    }

    Pseudonyms(byte[] key, byte[] recordKey) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.recordKey = new SecretKeySpec(recordKey.clone(), "HmacSHA256");
    }

    public RecipientPseudonym of(String recipientOrganisation, ResidentId resident) {
        return new RecipientPseudonym(hash(key, recipientOrganisation.toLowerCase(Locale.ROOT) + "|" + resident.value()));
    }

    /** The id under which {@code recipientOrganisation} sees the bank's record {@code type/recordId}. */
    public String recordId(String recipientOrganisation, String type, String recordId) {
        return hash(recordKey, recipientOrganisation.toLowerCase(Locale.ROOT) + "|" + type + "|" + recordId);
    }

    private static String hash(SecretKeySpec key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
            return base32(digest).substring(0, RecipientPseudonym.LENGTH);
        } catch (GeneralSecurityException e) {
            throw new BadStateException(FhirGatewayError.FG_0702, "HMAC-SHA-256 unavailable", e);
        }
    }

    public static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
