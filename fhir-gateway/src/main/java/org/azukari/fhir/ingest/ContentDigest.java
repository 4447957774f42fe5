package org.azukari.fhir.ingest;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.azukari.consent.api.BadStateException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.hl7.fhir.r4.model.Resource;

/**
 * A resource's canonical form for "is this the same version again?": its compact JSON without
 * {@code meta.versionId} and {@code meta.lastUpdated}, which servers change without changing
 * the content.
 */
final class ContentDigest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private ContentDigest() {
    }

    static byte[] canonicalJson(Resource resource) {
        Resource copy = resource.copy();
        if (copy.hasMeta()) {
            copy.getMeta().setVersionId(null);
            copy.getMeta().setLastUpdated(null);
        }
        return FHIR.newJsonParser().setPrettyPrint(false).encodeResourceToString(copy).getBytes(StandardCharsets.UTF_8);
    }

    /** An unkeyed name for a resource sent without any id; it only ever goes into the encrypted record and a keyed hash. */
    static String hex(Resource resource) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson(resource));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new BadStateException(FhirGatewayError.FG_0091, "SHA-256 unavailable", e);
        }
    }
}
