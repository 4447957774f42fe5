package org.azukari.identity.people;

import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.identity.api.IdentityError;

/**
 * The My Number (個人番号, 12 digits) is never asked for, never stored, not even hashed: a
 * run of exactly 12 digits, alone or with the usual separators ({@code 1234 5678 9012},
 * {@code 1234-5678-9012}), is refused in every free field, whether or not its check digit
 * is valid. Longer digit runs are not My Numbers and pass.
 */
public final class MyNumberGuard {

    private static final Pattern TWELVE_DIGITS =
            Pattern.compile("(?<![0-9])[0-9]{4}[ \\-\\u3000]?[0-9]{4}[ \\-\\u3000]?[0-9]{4}(?![0-9])");
    private static final Pattern WHOLE_TWELVE_DIGITS =
            Pattern.compile("[0-9]{4}[ \\-\\u3000]?[0-9]{4}[ \\-\\u3000]?[0-9]{4}");
    private static final Pattern FULL_WIDTH_DIGIT = Pattern.compile("[\\uFF10-\\uFF19]");

    private MyNumberGuard() {
    }

    public static void refuse(String field) {
        if (field != null && TWELVE_DIGITS.matcher(asciiDigits(field)).find()) {
            throw new BadInputException(IdentityError.ID_0105, "a 12-digit number is not accepted here");
        }
    }

    /**
     * For identifier values, which are codes rather than free text: refused when the whole value
     * is a My Number (12 digits, with or without the usual separators). A 12-digit group inside a
     * longer code — the last group of a UUID, as hospital systems and Synthea use for MRNs — is not.
     */
    static void refuseAsIdentifier(String value) {
        if (value != null && WHOLE_TWELVE_DIGITS.matcher(asciiDigits(value).strip()).matches()) {
            throw new BadInputException(IdentityError.ID_0105, "a 12-digit number is not accepted here");
        }
    }

    /** Full-width digits (０-９) count as digits. */
    private static String asciiDigits(String text) {
        if (!FULL_WIDTH_DIGIT.matcher(text).find()) {
            return text;
        }
        StringBuilder ascii = new StringBuilder(text.length());
        text.chars().forEach(c -> ascii.append(c >= 0xFF10 && c <= 0xFF19 ? (char) ('0' + c - 0xFF10) : (char) c));
        return ascii.toString();
    }
}
