package org.azukari.identity.api;

import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ErrorCode;

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
public class OrganisationRegistryException extends IllegalArgumentException implements Coded {

    public static final IdentityError MALFORMED_DISPLAY_NAME = IdentityError.ID_0201;
    public static final IdentityError ORGANISATION_EXISTS = IdentityError.ID_0202;
    public static final IdentityError UNKNOWN_PURPOSE = IdentityError.ID_0203;
    public static final IdentityError UNKNOWN_ORGANISATION = IdentityError.ID_0204;
    public static final IdentityError KIND_MISMATCH = IdentityError.ID_0205;
    public static final IdentityError CLIENT_EXISTS = IdentityError.ID_0206;
    public static final IdentityError MALFORMED_JWKS = IdentityError.ID_0207;
    public static final IdentityError PRIVATE_KEY = IdentityError.ID_0208;
    public static final IdentityError UNSUPPORTED_KEY = IdentityError.ID_0209;
    public static final IdentityError BAD_KEY_ID = IdentityError.ID_0210;
    public static final IdentityError NO_SCOPES = IdentityError.ID_0211;
    public static final IdentityError MALFORMED_SCOPE = IdentityError.ID_0212;
    public static final IdentityError MALFORMED_LABEL = IdentityError.ID_0213;
    public static final IdentityError UNKNOWN_CLIENT = IdentityError.ID_0214;
    public static final IdentityError PURPOSE_EXISTS = IdentityError.ID_0215;
    public static final IdentityError SCOPE_MISMATCH = IdentityError.ID_0216;

    private final IdentityError code;

    public OrganisationRegistryException(IdentityError code, String phrase) {
        super(code.message(phrase));
        this.code = code;
    }

    public String code() {
        return code.code();
    }

    @Override
    public ErrorCode errorCode() {
        return code;
    }
}
