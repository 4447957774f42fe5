package org.azukari.server.release;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.consent.api.VerificationKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/azukari-receipt-keys}, for anyone: the public keys that verify the
 * bank's release receipts (and access-log checkpoints) as a JWK set. Each key's {@code kid} is the
 * prefix of the signatures it verifies ({@code local:v1}, {@code vault:v2}); the rest of a
 * signature is base64 of a DER ECDSA P-256 signature over SHA-256 of the receipt's bytes
 * (JCA {@code SHA256withECDSA}; a JOSE library wants it converted to the 64-byte R‖S form).
 * If the key vault cannot be asked, 503: no stale or made-up key is ever published.
 */
@RestController
class ReceiptKeysController {

    private static final Logger log = LoggerFactory.getLogger(ReceiptKeysController.class);

    private final CheckpointSigner signer;

    ReceiptKeysController(CheckpointSigner signer) {
        this.signer = signer;
    }

    @GetMapping(path = "/.well-known/azukari-receipt-keys", produces = {"application/jwk-set+json", "application/json"})
    ResponseEntity<?> keys() {
        List<VerificationKey> keys;
        try {
            keys = signer.verificationKeys();
        } catch (RuntimeException unavailable) {
            log.warn("RL-0501 receipt keys unavailable: {}", unavailable.getClass().getSimpleName());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "the key vault cannot be asked for the receipt keys now");
            problem.setType(URI.create("urn:azukari:problem:RL-0501"));
            problem.setProperty("code", "RL-0501");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
        }
        List<JWK> jwks = new ArrayList<>();
        for (VerificationKey key : keys) {
            jwks.add(new ECKey.Builder(Curve.P_256, (ECPublicKey) key.publicKey()).keyID(key.keyId())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build());
        }
        Map<String, Object> body = new JWKSet(jwks).toJSONObject(true);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(body);
    }
}
