package org.azukari.trustbank.keys;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.TrustBankError;

/**
 * Associated data that binds a wrapped data key to its resident and generation, so a
 * wrapped key copied to another resident's row does not unwrap.
 */
public record KeyContext(ResidentId resident, int dataKeyGeneration) {

    public KeyContext {
        Objects.requireNonNull(resident);
        if (dataKeyGeneration < 1) {
            throw new BadInputException(TrustBankError.TB_0405, "data key generation must be positive");
        }
    }

    public byte[] bytes() {
        return ("azukari-dek/v1|" + resident.value() + "|" + dataKeyGeneration).getBytes(StandardCharsets.UTF_8);
    }
}
