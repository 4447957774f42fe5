package org.azukari.server.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.server.web.NotFound;

/** Small checks on operator input that answer 400 with a stable code, never echoing what was sent. */
final class Forms {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Forms() {
    }

    static void require(boolean condition, String what) {
        if (!condition) {
            throw new BadInputException(FhirGatewayError.OP_0001, what);
        }
    }

    static UUID uuid(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new NotFound("no such account");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new NotFound("no such account");
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new BadInputException(FhirGatewayError.OP_0002, "jwks is not JSON");
        }
    }
}
