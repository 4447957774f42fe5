package org.azukari.fhir.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.Pseudonyms;
import org.azukari.identity.api.BankSecrets;

/**
 * How one wellness service names the people and records in its datasets, and by how many days
 * each person's dates move: keyed hashes of (service, resident) and (service, type, record), under
 * keys of their own ({@code export/service-pseudonym-v1}, {@code export/record-id-v1},
 * {@code export/date-shift-v1}). Stable across that service's exports; another recipient's names
 * (a clinic's pseudonym, another service's) say nothing about these without the keys.
 */
public final class ServiceNames {

    private final SecretKeySpec patientKey;
    private final SecretKeySpec recordKey;
    private final SecretKeySpec shiftKey;

    public ServiceNames(BankSecrets secrets) {
        this(secrets.derive("export/service-pseudonym-v1"), secrets.derive("export/record-id-v1"),
                secrets.derive("export/date-shift-v1"));
    }

    ServiceNames(byte[] patientKey, byte[] recordKey, byte[] shiftKey) {
        this.patientKey = new SecretKeySpec(patientKey.clone(), "HmacSHA256");
        this.recordKey = new SecretKeySpec(recordKey.clone(), "HmacSHA256");
        this.shiftKey = new SecretKeySpec(shiftKey.clone(), "HmacSHA256");
    }

    /** The service's pseudonym for the resident: 26 base32 characters. */
    public String patient(String service, ResidentId resident) {
        return Pseudonyms.base32(mac(patientKey, service.toLowerCase(Locale.ROOT) + "|" + resident.value()))
                .substring(0, 26);
    }

    public String record(String service, String type, String bankId) {
        return Pseudonyms.base32(mac(recordKey, service.toLowerCase(Locale.ROOT) + "|" + type + "|" + bankId))
                .substring(0, 26);
    }

    /** Days to move the resident's dates by, in [-maxDays, maxDays], never 0 (an unshifted date is the real one). */
    public int shiftDays(String service, ResidentId resident, int maxDays) {
        byte[] digest = mac(shiftKey, service.toLowerCase(Locale.ROOT) + "|" + resident.value());
        int raw = ((digest[0] & 0xff) << 16 | (digest[1] & 0xff) << 8 | (digest[2] & 0xff)) % maxDays + 1;
        return (digest[3] & 1) == 0 ? raw : -raw;
    }

    private static byte[] mac(SecretKeySpec key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EX-0702 HMAC-SHA-256 unavailable", e);
        }
    }
}
