package org.azukari.fhir.pull;

import java.util.Objects;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * Why a pull failed, as shown to operators: a stable {@code FG-06nn} code and a short text the
 * bank wrote itself. Never upstream content (no response body, no identifier, no record). The code
 * is kept as the string stored on the cursor and shown to operators (a row written before a code was
 * catalogued still reads back); the bank itself writes only catalogue codes, through
 * {@link #PullError(FhirGatewayError, String)}.
 */
public record PullError(String code, String text) {

    public static final int MAX_TEXT = 200;
    private static final Pattern CODE = Pattern.compile("FG-\\d{4}");

    public PullError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        if (!CODE.matcher(code).matches()) {
            throw new BadInputException(FhirGatewayError.FG_0698, "malformed error code");
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
    }

    public PullError(FhirGatewayError code, String text) {
        this(code.code(), text);
    }

    @Override
    public String toString() {
        return code + " " + text;
    }
}
