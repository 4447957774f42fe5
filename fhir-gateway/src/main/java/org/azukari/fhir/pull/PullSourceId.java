package org.azukari.fhir.pull;

import java.util.Objects;
import java.util.UUID;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/** A registered pull source; the bank gives it a random id at registration. */
public record PullSourceId(UUID value) {

    public PullSourceId {
        Objects.requireNonNull(value, "pull source id");
    }

    public static PullSourceId random() {
        return new PullSourceId(UUID.randomUUID());
    }

    /** The canonical UUID form only; anything else is refused. */
    public static PullSourceId parse(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            if (uuid.toString().equalsIgnoreCase(text)) {
                return new PullSourceId(uuid);
            }
        } catch (RuntimeException malformed) {
            // fall through: one answer for every malformed id
        }
        throw new BadInputException(FhirGatewayError.FG_0600, "malformed pull source id");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
