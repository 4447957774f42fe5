package org.azukari.fhir.validation;

/**
 * What {@link JsonPreScan} lets through.
 *
 * @param maxStringLength      the longest string value or key, in characters
 * @param maxSignificantDigits the most digits a number literal's mantissa may hold (leading zeros not counted)
 * @param maxExponent          the largest exponent magnitude a number literal may carry
 * @param maxNestingDepth      the deepest nesting of objects and arrays
 */
public record JsonLimits(int maxStringLength, int maxSignificantDigits, int maxExponent, int maxNestingDepth) {

    /** Number literals longer than this are refused whatever their digits (leading zeros included). */
    static final int MAX_NUMBER_LITERAL = 80;

    public JsonLimits {
        if (maxStringLength < 1 || maxSignificantDigits < 1 || maxExponent < 0 || maxNestingDepth < 1) {
            throw new IllegalArgumentException("JSON limits must be positive");
        }
    }
}
