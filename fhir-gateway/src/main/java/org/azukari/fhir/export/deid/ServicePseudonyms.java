package org.azukari.fhir.export.deid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.BankSecrets;
import org.azukari.identity.api.OrganisationId;

/**
 * How one wellness service names the people and records of its datasets, and how far each
 * person's dates move. Each is an HMAC-SHA-256 under a key of its own:
 *
 * <ul>
 *   <li>pseudonym: base32(HMAC(k1, service + "|" + resident)), first 26 characters (130 bits);</li>
 *   <li>record id: base32(HMAC(k2, service + "|" + resident + "|" + type + "|" + source id)), first 26
 *       characters; the resident is in it because sources' ids are unique only per source, and two
 *       residents' "Observation/1" must not meet under one id;</li>
 *   <li>date shift: HMAC(k3, service + "|" + resident), bytes 0–2 give 1..max days, bit 0 of byte 3
 *       the sign; never 0, since an unshifted date is the real one.</li>
 * </ul>
 *
 * Keys come from {@link BankSecrets} under {@value #PSEUDONYM_PURPOSE}, {@value #RECORD_PURPOSE}
 * and {@value #SHIFT_PURPOSE}, which no clinic pseudonym shares. The service id is in every
 * message, so all three are stable across one service's exports and say nothing about another
 * service's without the keys.
 */
public final class ServicePseudonyms {

    public static final String PSEUDONYM_PURPOSE = "export/service-pseudonym-v1";
    public static final String RECORD_PURPOSE = "export/record-id-v1";
    public static final String SHIFT_PURPOSE = "export/date-shift-v1";
    private static final int ID_LENGTH = 26;

    private final SecretKeySpec pseudonymKey;
    private final SecretKeySpec recordKey;
    private final SecretKeySpec shiftKey;

    public ServicePseudonyms(BankSecrets secrets) {
        this(secrets.derive(PSEUDONYM_PURPOSE), secrets.derive(RECORD_PURPOSE), secrets.derive(SHIFT_PURPOSE));
    }

    public ServicePseudonyms(byte[] pseudonymKey, byte[] recordKey, byte[] shiftKey) {
        this.pseudonymKey = key(pseudonymKey);
        this.recordKey = key(recordKey);
        this.shiftKey = key(shiftKey);
    }

    public ServicePseudonym pseudonym(OrganisationId service, ResidentId resident) {
        return new ServicePseudonym(base32(mac(pseudonymKey, name(service) + "|" + resident.value()))
                .substring(0, ServicePseudonym.LENGTH));
    }

    /** The id the service sees for the resident's record {@code type/sourceId}: 26 base32 characters, a FHIR id. */
    public String recordId(OrganisationId service, ResidentId resident, String type, String sourceId) {
        return base32(mac(recordKey, name(service) + "|" + resident.value() + "|" + type + "|" + sourceId))
                .substring(0, ID_LENGTH);
    }

    /** Days to move the resident's dates by: in [-maxDays, maxDays], never 0. */
    public int shiftDays(OrganisationId service, ResidentId resident, int maxDays) {
        if (maxDays < 1) {
            throw new BadInputException(FhirGatewayError.FG_0911, "shift of at least one day");
        }
        byte[] digest = mac(shiftKey, name(service) + "|" + resident.value());
        int magnitude = ((digest[0] & 0xff) << 16 | (digest[1] & 0xff) << 8 | (digest[2] & 0xff)) % maxDays + 1;
        return (digest[3] & 1) == 0 ? magnitude : -magnitude;
    }

    private static String name(OrganisationId service) {
        return service.value().toLowerCase(Locale.ROOT);
    }

    private static SecretKeySpec key(byte[] bytes) {
        if (bytes == null || bytes.length < 16) {
            throw new BadInputException(FhirGatewayError.FG_0912, "pseudonym keys are at least 16 bytes");
        }
        return new SecretKeySpec(bytes.clone(), "HmacSHA256");
    }

    private static byte[] mac(SecretKeySpec key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new BadStateException(FhirGatewayError.FG_0913, "HMAC-SHA-256 unavailable", e);
        }
    }

    static String base32(byte[] bytes) {
        return org.azukari.fhir.release.Pseudonyms.base32(bytes);
    }
}
