package org.azukari.trustbank.keys;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.azukari.consent.api.ResidentId;

/**
 * Associated data that binds a wrapped data key to its resident and generation, so a
 * wrapped key copied to another resident's row does not unwrap.
 */
public record KeyContext(ResidentId resident, int dataKeyGeneration) {

    public KeyContext {
        Objects.requireNonNull(resident);
        if (dataKeyGeneration < 1) {
            throw new IllegalArgumentException("TB-0405 data key generation must be positive");
        }
    }

    public byte[] bytes() {
        return ("azukari-dek/v1|" + resident.value() + "|" + dataKeyGeneration).getBytes(StandardCharsets.UTF_8);
    }
}
