package org.azukari.identity.api;

import org.azukari.consent.api.ErrorCode;

/**
 * The error catalogue of identity: accounts, organisations, clients, sign-in, tokens. One constant per code, each with one meaning; a new
 * code is added here and to docs/errors.md in the same commit ({@code ErrorCatalogueTest} checks both).
 */
public enum IdentityError implements ErrorCode {

    ID_0001(400, "malformed organisation id"),
    ID_0002(400, "malformed client id"),
    ID_0003(400, "a person has an account, a system has a client"),
    ID_0004(400, "only residents and e-residents carry a resident id"),
    ID_0010(400, "malformed bearer token"),
    ID_0100(400, "inconsistent account"),
    ID_0101(400, "malformed username"),
    ID_0102(400, "the password must be 12 to 128 characters"),
    ID_0103(400, "the password must not be the username"),
    ID_0104(400, "username not available"),
    ID_0105(400, "a 12-digit number is not accepted here"),
    ID_0106(400, "unknown organisation"),
    ID_0107(400, "assurance level and proofing method are required"),
    ID_0108(400, "an e-resident is proofed by the My Number card or an equivalent eID"),
    ID_0109(400, "practitioners act for a clinic or hospital"),
    ID_0120(0, "sign-in refused"),
    ID_0121(0, "signed in (security event)"),
    ID_0122(0, "signed in with a second-factor code (security event)"),
    ID_0123(0, "sign-in refused: unknown account (security event)"),
    ID_0124(0, "sign-in refused: wrong password (security event)"),
    ID_0125(0, "sign-in refused while the account is locked (security event)"),
    ID_0126(0, "the account lock started (security event)"),
    ID_0127(0, "sign-in refused: the second-factor code is missing (security event)"),
    ID_0128(0, "sign-in refused: the second-factor code is wrong (security event)"),
    ID_0129(503, "sign-in cannot be checked now (the 503 error page, never \"sign-in failed\")"),
    ID_0130(400, "malformed identifier system"),
    ID_0131(400, "malformed identifier value"),
    ID_0132(400, "unknown resident"),
    ID_0133(400, "this identifier is already linked to another resident"),
    ID_0134(400, "only a record-holding organisation links identifiers"),
    ID_0135(0, "sign-in refused: the account is disabled (security event reason)"),
    ID_0136(503, "the account status cannot be checked now; the session request answers 503"),
    ID_0140(400, "unknown account"),
    ID_0141(400, "a second factor is already active for this account"),
    ID_0150(400, "not a practitioner account"),
    ID_0160(400, "a listing holds 1 to 1000 people"),
    ID_0170(400, "a privacy policy version starts at 1"),
    ID_0190(400, "invalid Argon2 cost"),
    ID_0191(400, "the identity secret key must be 32 bytes, base64-encoded"),
    ID_0192(0, "cannot read the identity secret key file"),
    ID_0193(0, "HMAC-SHA-256 unavailable"),
    ID_0194(0, "sealed secret unreadable"),
    ID_0195(0, "AES-GCM unavailable"),
    ID_0196(0, "HMAC-SHA-1 unavailable"),
    ID_0201(0, "malformed display name"),
    ID_0202(0, "organisation already registered"),
    ID_0203(0, "unknown purpose"),
    ID_0204(0, "unknown organisation"),
    ID_0205(0, "the client kind does not fit the organisation"),
    ID_0206(0, "client already registered"),
    ID_0207(0, "malformed JWK set"),
    ID_0208(0, "a JWK holds private key material"),
    ID_0209(0, "a JWK is not an RSA (2048 bits or more, RS384) or EC P-384 (ES384) signing key"),
    ID_0210(0, "a JWK has no usable kid, or a kid is repeated"),
    ID_0211(0, "a client needs at least one allowed scope"),
    ID_0212(0, "malformed SMART scope"),
    ID_0213(0, "malformed purpose label"),
    ID_0214(0, "unknown client"),
    ID_0215(0, "purpose already defined"),
    ID_0216(0, "an allowed scope does not fit the client kind"),
    ID_0240(0, "an access token was issued (security event)"),
    ID_0250(0, "a token request misses client_assertion_type, client_assertion or scope"),
    ID_0251(0, "a token request repeats a parameter"),
    ID_0252(0, "the grant type is not client_credentials"),
    ID_0253(0, "the client assertion type is not jwt-bearer"),
    ID_0254(0, "the client assertion is not a signed JWT"),
    ID_0255(0, "the client assertion is not signed with an accepted algorithm"),
    ID_0256(0, "the client assertion names no active client"),
    ID_0257(0, "the client assertion names a key the client does not have"),
    ID_0258(0, "the client assertion's signature does not verify"),
    ID_0259(0, "the client assertion's audience is not the token endpoint"),
    ID_0260(0, "the client assertion has expired or has no expiry"),
    ID_0261(0, "the client assertion lives longer than the bank accepts"),
    ID_0262(0, "the client assertion has no jti, or one that is too long"),
    ID_0263(0, "the client assertion's jti was used before"),
    ID_0264(0, "a scope that is not system/<Type>.<cruds>"),
    ID_0265(0, "none of the requested scopes is granted to the client"),
    ID_0266(0, "the client assertion's issuer is not its subject"),
    ID_0267(0, "the client assertion starts in the future"),
    ID_0268(503, "the token endpoint cannot check the request now; nothing issued (503)"),
    ID_0269(0, "an audit system asked for a scope besides its own"),
    ID_0270(0, "the access token is not a signed JWT"),
    ID_0271(0, "the access token's header or signature is not the bank's"),
    ID_0272(0, "the access token's issuer or audience is not the bank's"),
    ID_0273(0, "the access token has expired"),
    ID_0274(0, "an access token that names a person"),
    ID_0275(0, "the access token names no active client of its kind and organisation"),
    ID_0276(503, "the bearer token cannot be checked now (503)"),
    ID_0280(400, "access token lifetime must be within 5 minutes"),
    ID_0281(400, "assertion lifetime must be within 5 minutes"),
    ID_0282(400, "clock skew must be within 30 seconds"),
    ID_0283(400, "unreadable OAuth signing key"),
    ID_0284(400, "the OAuth signing key must be a private JWK with a kid"),
    ID_0285(400, "the OAuth signing key must be EC P-256 or RSA of 2048 bits or more"),
    ID_0286(0, "cannot read or create the OAuth signing key file"),
    ID_0287(0, "cannot generate an OAuth signing key"),
    ID_0288(0, "cannot sign an access token"),
    ID_0289(400, "azukari.identity.oauth"),
    ID_0300(400, "an unknown sign-in provider in the path"),
    ID_0301(400, "no sign-in in progress in this session, or the answer's state is not the one sent"),
    ID_0302(400, "the sign-in provider answered with an error (cancelled, consent refused)"),
    ID_0303(400, "the sign-in provider refused the code (used already, expired, not for this client or verifier)"),
    ID_0304(400, "the ID token failed a check, or carries an acr/amr the bank will not store"),
    ID_0305(400, "the account signed in with the provider is disabled"),
    ID_0310(503, "the sign-in provider does not answer or answers 5xx"),
    ID_0311(0, "internal: the account a provider link names is missing or was not created"),
    ID_0320(0, "security event reason: an account was created by a first sign-in with a provider"),
    ID_0321(0, "security event reason: a returning sign-in with a provider"),
    ID_0390(0, "a sign-in provider's settings are unsafe or incomplete: the bank does not start");

    private final int status;
    private final String meaning;

    IdentityError(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
