package org.azukari.identity.people;

import java.nio.file.Path;
import org.azukari.consent.api.BadInputException;
import org.azukari.identity.api.IdentityError;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.identity.*}. The secret key (32 bytes, base64) seals TOTP secrets and keys
 * the enrolment-link hashes; it comes from {@code AZUKARI_IDENTITY_SECRET_KEY} or from a file
 * readable by the bank's user alone (default {@code ${azukari.data-dir}/identity.key},
 * created when missing). It is never in the database.
 */
@ConfigurationProperties("azukari.identity")
public record IdentityProperties(String secretKey, Path secretKeyFile, @DefaultValue Argon2 argon2) {

    /**
     * Argon2id cost. The default (t=3, 64 MiB, p=4) is RFC 9106's second recommended option.
     * Changing it affects new hashes only; old ones carry their own parameters.
     */
    public record Argon2(@DefaultValue("3") int iterations, @DefaultValue("65536") int memoryKib,
                         @DefaultValue("4") int parallelism) {

        public Argon2 {
            if (iterations < 1 || memoryKib < 8 * parallelism || parallelism < 1) {
                throw new BadInputException(IdentityError.ID_0190, "invalid Argon2 cost");
            }
        }
    }

    @Override
    public String toString() {
        return "IdentityProperties[secretKeyFile=" + secretKeyFile + ", argon2=" + argon2 + "]";
    }
}
