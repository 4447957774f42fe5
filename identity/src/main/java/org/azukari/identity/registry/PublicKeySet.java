package org.azukari.identity.registry;

import static org.azukari.identity.api.OrganisationRegistryException.BAD_KEY_ID;
import static org.azukari.identity.api.OrganisationRegistryException.MALFORMED_JWKS;
import static org.azukari.identity.api.OrganisationRegistryException.PRIVATE_KEY;
import static org.azukari.identity.api.OrganisationRegistryException.UNSUPPORTED_KEY;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.ClientKey;
import org.azukari.identity.api.OrganisationRegistryException;

/**
 * Turns a client's JWK set into keys fit for SMART assertions, or refuses it. Accepted: RSA of
 * 2048 bits or more (RS384) and EC on P-384 (ES384), each with a {@code kid}, for signing, with
 * public members only. A key carrying private members is refused, not silently stripped: whoever
 * sent it has leaked it and must make a new one. Parse errors are not passed on (nimbus may quote
 * the input).
 */
final class PublicKeySet {

    static final int MAX_JWKS_LENGTH = 64 * 1024;
    static final int MAX_KEYS = 10;
    static final int MIN_RSA_BITS = 2048;
    /** The width of {@code id_client_key.public_jwk}. */
    static final int MAX_KEY_JSON = 4096;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Private members of RSA, EC and symmetric JWKs (RFC 7518 section 6). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private PublicKeySet() {
    }

    static List<ClientKey> parse(String jwks) {
        if (jwks == null || jwks.isBlank() || jwks.length() > MAX_JWKS_LENGTH) {
            throw refuse(MALFORMED_JWKS, "malformed JWK set");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        } catch (ParseException | RuntimeException e) {
            throw refuse(MALFORMED_JWKS, "malformed JWK set");
        }
        if (set.getKeys().isEmpty() || set.getKeys().size() > MAX_KEYS) {
            throw refuse(MALFORMED_JWKS, "malformed JWK set");
        }
        List<ClientKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JWK jwk : set.getKeys()) {
            ClientKey key = accept(jwk);
            if (!ids.add(key.keyId())) {
                throw refuse(BAD_KEY_ID, "repeated key id");
            }
            keys.add(key);
        }
        return keys;
    }

    private static ClientKey accept(JWK jwk) {
        if (jwk.isPrivate() || jwk.toJSONObject().keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw refuse(PRIVATE_KEY, "a JWK holds private key material");
        }
        if (jwk.getKeyID() == null || !KEY_ID.matcher(jwk.getKeyID()).matches()) {
            throw refuse(BAD_KEY_ID, "a JWK has no usable kid");
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw refuse(UNSUPPORTED_KEY, "unsupported key");
        }
        String type;
        if (jwk instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS && algorithmIs(jwk, JWSAlgorithm.RS384)) {
            type = "RSA";
        } else if (jwk instanceof ECKey ec && Curve.P_384.equals(ec.getCurve()) && algorithmIs(jwk, JWSAlgorithm.ES384)) {
            type = "EC";
        } else {
            throw refuse(UNSUPPORTED_KEY, "unsupported key");
        }
        String json = jwk.toPublicJWK().toJSONString();
        if (json.length() > MAX_KEY_JSON) {
            throw refuse(UNSUPPORTED_KEY, "unsupported key");
        }
        return new ClientKey(jwk.getKeyID(), type, json);
    }

    private static boolean algorithmIs(JWK jwk, JWSAlgorithm expected) {
        return jwk.getAlgorithm() == null || expected.equals(jwk.getAlgorithm());
    }

    private static OrganisationRegistryException refuse(IdentityError code, String phrase) {
        return new OrganisationRegistryException(code, phrase);
    }
}
