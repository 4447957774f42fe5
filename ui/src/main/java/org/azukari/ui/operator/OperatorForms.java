package org.azukari.ui.operator;

import java.util.Locale;
import java.util.UUID;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * Checks on what an operator typed into a console form. A refusal is an
 * {@link IllegalArgumentException} with a stable code first ({@code OP-0001}: something required is
 * missing or not one of the offered choices), which the pages answer with the 400 page; the
 * message names the field, never what was typed. Nothing from a form is ever logged.
 */
public final class OperatorForms {

    /** Longest free text a console form accepts before a module's own limit applies. */
    public static final int MAX_TEXT = 4000;

    private OperatorForms() {
    }

    /** The value as typed; refused when absent, blank or longer than {@link #MAX_TEXT}. */
    public static String required(String value, String field) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
            throw new BadInputException(FhirGatewayError.OP_0001, field + " is required");
        }
        return value;
    }

    /** The value, or empty when the field was left blank; refused when too long. */
    public static String optional(String value, String field) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new BadInputException(FhirGatewayError.OP_0001, field + " is too long");
        }
        return value == null ? "" : value;
    }

    /** One of the choices a form offered (an enum constant's name); anything else is refused. */
    public static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        String name = required(value, field).toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new BadInputException(FhirGatewayError.OP_0001, field + " is not one of the choices");
    }

    /** An account id as the console shows it (a UUID in canonical form). */
    public static UUID uuid(String value, String field) {
        String text = required(value, field);
        try {
            UUID uuid = UUID.fromString(text);
            if (uuid.toString().equalsIgnoreCase(text)) {
                return uuid;
            }
        } catch (IllegalArgumentException malformed) {
            // answered below, without the input
        }
        throw new BadInputException(FhirGatewayError.OP_0001, field + " is not an account id");
    }
}
