package org.azukari.fhir.validation;

/**
 * Why {@link JsonPreScan} refused a body, and where. The diagnostics name the kind and the
 * position only: they never quote the input.
 *
 * @param kind   what was wrong
 * @param line   the line of the offending token (1-based; 0 when unknown)
 * @param column the column of the offending token (1-based; 0 when unknown)
 */
public record JsonRefusal(Kind kind, long line, long column) {

    public static final String CODE = "FG-0213";

    /** What the pre-scan refuses. */
    public enum Kind {
        INVALID_UTF8("the body is not valid UTF-8"),
        MALFORMED("the body is not well-formed JSON"),
        DUPLICATE_KEY("an object holds the same key twice"),
        EMPTY_KEY("an object holds an empty key"),
        NUMBER_TOO_LARGE("a number literal has more digits or a larger exponent than a FHIR decimal needs"),
        STRING_TOO_LONG("a string is longer than this server accepts"),
        TOO_DEEP("the JSON is nested deeper than this server accepts"),
        NUL_CHARACTER("a string holds a NUL character"),
        LONE_SURROGATE("a string holds a lone UTF-16 surrogate");

        private final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    public String diagnostics() {
        String at = line > 0 ? " (line " + line + ", column " + column + ")" : "";
        return CODE + " " + kind.text + at;
    }
}
