package org.azukari.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.azukari.identity.registry.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankSigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void fromFile_whenMissing_createsAnOwnerOnlyPrivateKey_andReusesIt() throws Exception {
        Path file = dir.resolve("data/oauth-signing-key.jwk");

        BankSigningKey first = BankSigningKey.fromFile(file);
        BankSigningKey again = BankSigningKey.fromFile(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(JWK.parse(Files.readString(file)).isPrivate()).isTrue();
        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(first.algorithm().getName()).isEqualTo("ES256");
    }

    @Test
    void fromJwk_publicKeyOnly_isRefusedWithoutEcho() {
        String publicOnly = Keys.ec(Curve.P_256, "bank").toPublicJWK().toJSONString();

        assertThatThrownBy(() -> BankSigningKey.fromJwk(publicOnly)).hasMessageStartingWith("ID-0284")
                .hasMessageNotContaining(publicOnly);
    }

    @Test
    void fromJwk_garbageOrUnsupportedCurve_isRefusedWithoutEcho() {
        ECKey p384 = Keys.ec(Curve.P_384, "bank");

        assertThatThrownBy(() -> BankSigningKey.fromJwk("{\"kty\":\"EC\",\"d\":\"secret-bits\"}"))
                .hasMessageStartingWith("ID-0283").hasMessageNotContaining("secret-bits");
        assertThatThrownBy(() -> BankSigningKey.fromJwk(p384.toJSONString())).hasMessageStartingWith("ID-0285")
                .hasMessageNotContaining(p384.getD().toString());
    }

    @Test
    void toString_showsTheKidOnly() {
        ECKey key = Keys.ec(Curve.P_256, "bank-1");
        BankSigningKey signing = BankSigningKey.fromJwk(key.toJSONString());

        assertThat(signing.toString()).contains("bank-1").doesNotContain(key.getD().toString())
                .doesNotContain(key.getX().toString());
    }
}
