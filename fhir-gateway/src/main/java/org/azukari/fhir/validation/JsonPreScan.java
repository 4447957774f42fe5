package org.azukari.fhir.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.azukari.fhir.validation.JsonRefusal.Kind;

/**
 * One streaming pass over a JSON body before HAPI parses it, costing O(bytes) and no tree:
 * strict UTF-8, well-formed JSON, no duplicate or empty keys, bounded numbers, strings and depth, no NUL
 * and no lone surrogates. HAPI's parser would otherwise replace bad bytes, let the last duplicate
 * win, and spend minutes on a literal like {@code 1e999999}.
 */
public final class JsonPreScan {

    private final JsonLimits limits;
    private final JsonFactory factory;

    public JsonPreScan(JsonLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(JsonLimits.MAX_NUMBER_LITERAL)
                        .maxNestingDepth(limits.maxNestingDepth())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** @return why the first {@code length} bytes of {@code body} are refused, or empty when they pass */
    public Optional<JsonRefusal> scan(byte[] body, int length) {
        if (!strictUtf8(body, length)) {
            return Optional.of(new JsonRefusal(Kind.INVALID_UTF8, 0, 0));
        }
        try (JsonParser parser = factory.createParser(body, 0, length)) {
            if (parser.nextToken() == null) {
                return Optional.empty(); // empty: HAPI answers that itself
            }
            Optional<JsonRefusal> refusal = tokens(parser);
            if (refusal.isPresent()) {
                return refusal;
            }
            if (parser.nextToken() != null) {
                return Optional.of(at(Kind.MALFORMED, parser.currentTokenLocation()));
            }
            return Optional.empty();
        } catch (StreamConstraintsException e) {
            return Optional.of(at(constraintKind(e), e.getLocation()));
        } catch (JsonProcessingException e) {
            Kind kind = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? Kind.DUPLICATE_KEY : Kind.MALFORMED;
            return Optional.of(at(kind, e.getLocation()));
        } catch (IOException e) {
            return Optional.of(new JsonRefusal(Kind.MALFORMED, 0, 0));
        }
    }

    /** Walks the value the parser stands on, to its end. */
    private Optional<JsonRefusal> tokens(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        int depth = 0;
        do {
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> {
                    // FHIR names no property "": HAPI's parser fails on it with a 500 (found by fuzzing)
                    Kind kind = parser.getCurrentName().isEmpty() ? Kind.EMPTY_KEY
                            : characters(parser.getCurrentName().toCharArray(), 0, parser.getCurrentName().length());
                    if (kind != null) {
                        return Optional.of(at(kind, parser.currentTokenLocation()));
                    }
                }
                case VALUE_STRING -> {
                    Kind kind = characters(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                    if (kind != null) {
                        return Optional.of(at(kind, parser.currentTokenLocation()));
                    }
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    if (!numberFits(parser.getText())) {
                        return Optional.of(at(Kind.NUMBER_TOO_LARGE, parser.currentTokenLocation()));
                    }
                }
                default -> {
                }
            }
            if (depth == 0) {
                return Optional.empty();
            }
            token = parser.nextToken();
        } while (token != null);
        return Optional.of(new JsonRefusal(Kind.MALFORMED, 0, 0));
    }

    private Kind characters(char[] text, int offset, int length) {
        if (length > limits.maxStringLength()) {
            return Kind.STRING_TOO_LONG;
        }
        for (int i = offset; i < offset + length; i++) {
            char c = text[i];
            if (c == '\u0000') {
                return Kind.NUL_CHARACTER;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= offset + length || !Character.isLowSurrogate(text[i + 1])) {
                    return Kind.LONE_SURROGATE;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return Kind.LONE_SURROGATE;
            }
        }
        return null;
    }

    /** Digits of the mantissa (leading zeros aside) and the exponent's magnitude, both bounded. */
    boolean numberFits(String literal) {
        if (literal.length() > JsonLimits.MAX_NUMBER_LITERAL) {
            return false;
        }
        int e = Math.max(literal.indexOf('e'), literal.indexOf('E'));
        String mantissa = e < 0 ? literal : literal.substring(0, e);
        int significant = 0;
        boolean leading = true;
        for (int i = 0; i < mantissa.length(); i++) {
            char c = mantissa.charAt(i);
            if (c >= '0' && c <= '9') {
                if (c != '0' || !leading) {
                    leading = false;
                    significant++;
                }
            }
        }
        if (significant > limits.maxSignificantDigits()) {
            return false;
        }
        if (e < 0) {
            return true;
        }
        String exponent = literal.substring(e + 1).replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        return exponent.length() <= 9 && Integer.parseInt(exponent) <= limits.maxExponent();
    }

    private static Kind constraintKind(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("String value length")) {
            return Kind.STRING_TOO_LONG;
        }
        if (message.startsWith("Number value length")) {
            return Kind.NUMBER_TOO_LARGE;
        }
        if (message.startsWith("Document nesting depth")) {
            return Kind.TOO_DEEP;
        }
        return Kind.MALFORMED;
    }

    private static JsonRefusal at(Kind kind, JsonLocation location) {
        return location == null ? new JsonRefusal(kind, 0, 0)
                : new JsonRefusal(kind, Math.max(0, location.getLineNr()), Math.max(0, location.getColumnNr()));
    }

    /** Bad bytes are reported, not replaced; decoded in small pieces, never into a second copy of the body. */
    private static boolean strictUtf8(byte[] body, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, 0, length);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                break;
            }
            out.clear();
        }
        out.clear();
        return !decoder.flush(out).isError();
    }
}
