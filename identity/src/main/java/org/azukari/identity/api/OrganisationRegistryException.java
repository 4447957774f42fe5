package org.azukari.identity.api;

/**
 * Refused registry input. The message is a stable code and a fixed phrase; it never echoes the
 * input (a key, a name, a scope). The codes:
 * <ul>
 * <li>{@code ID-0201} malformed display name</li>
 * <li>{@code ID-0202} organisation already registered</li>
 * <li>{@code ID-0203} unknown purpose</li>
 * <li>{@code ID-0204} unknown organisation</li>
 * <li>{@code ID-0205} client kind does not fit the organisation's kind (or is not a system kind)</li>
 * <li>{@code ID-0206} client already registered</li>
 * <li>{@code ID-0207} malformed JWK set (not JSON, empty, too many keys, too long)</li>
 * <li>{@code ID-0208} a JWK holds private key material</li>
 * <li>{@code ID-0209} a JWK is not an RSA (2048 bits or more, RS384) or EC P-384 (ES384) signing key</li>
 * <li>{@code ID-0210} a JWK has no usable {@code kid}, or a {@code kid} is repeated</li>
 * <li>{@code ID-0211} a client needs at least one allowed scope</li>
 * <li>{@code ID-0212} malformed SMART scope</li>
 * <li>{@code ID-0213} malformed purpose label</li>
 * <li>{@code ID-0214} unknown client</li>
 * <li>{@code ID-0215} purpose already defined</li>
 * <li>{@code ID-0216} an allowed scope does not fit the client kind ({@link ClientScopes}: the
 * access log's {@code AuditEvent} for audit systems only, and nothing else for them)</li>
 * </ul>
 */
public class OrganisationRegistryException extends IllegalArgumentException {

    public static final String MALFORMED_DISPLAY_NAME = "ID-0201";
    public static final String ORGANISATION_EXISTS = "ID-0202";
    public static final String UNKNOWN_PURPOSE = "ID-0203";
    public static final String UNKNOWN_ORGANISATION = "ID-0204";
    public static final String KIND_MISMATCH = "ID-0205";
    public static final String CLIENT_EXISTS = "ID-0206";
    public static final String MALFORMED_JWKS = "ID-0207";
    public static final String PRIVATE_KEY = "ID-0208";
    public static final String UNSUPPORTED_KEY = "ID-0209";
    public static final String BAD_KEY_ID = "ID-0210";
    public static final String NO_SCOPES = "ID-0211";
    public static final String MALFORMED_SCOPE = "ID-0212";
    public static final String MALFORMED_LABEL = "ID-0213";
    public static final String UNKNOWN_CLIENT = "ID-0214";
    public static final String PURPOSE_EXISTS = "ID-0215";
    public static final String SCOPE_MISMATCH = "ID-0216";

    private final String code;

    public OrganisationRegistryException(String code, String phrase) {
        super(code + " " + phrase);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
