package org.azukari.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.azukari.consent.api.BadStateException;
import org.azukari.fhir.api.FhirGatewayError;
import org.springframework.http.HttpStatus;

/**
 * The codes the JSON APIs may answer with, and the one fixed message each carries
 * ({@code api-problems.properties} beside this class). An exception's message is only ever read
 * for its leading code; the text after it (which may quote a value, a name or an id) is never
 * sent. A code the catalogue does not hold becomes the generic code of the answer's status.
 */
final class ProblemCatalogue {

    /** What the client is told: a known code and its catalogued message. */
    record Problem(String code, String message) {
    }

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}-\\d{4}");
    private static final String RESOURCE = "api-problems.properties";

    private final Map<String, String> messages;

    private ProblemCatalogue(Map<String, String> messages) {
        this.messages = Map.copyOf(messages);
    }

    static ProblemCatalogue load() {
        Properties properties = new Properties();
        try (InputStream in = ProblemCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new BadStateException(FhirGatewayError.OP_0090, RESOURCE + " missing from the class path");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProblemCatalogue(properties.stringPropertyNames().stream()
                .collect(Collectors.toMap(name -> name, properties::getProperty)));
    }

    /** The catalogued problem for the code leading {@code exceptionMessage}, else the status's generic one. */
    Problem forMessage(HttpStatus status, String exceptionMessage) {
        return leadingCode(exceptionMessage).flatMap(this::known).orElseGet(() -> generic(status));
    }

    Optional<Problem> known(String code) {
        return Optional.ofNullable(messages.get(code)).map(message -> new Problem(code, message));
    }

    Problem generic(HttpStatus status) {
        String code = switch (status) {
            case FORBIDDEN -> "OP-0403";
            case NOT_FOUND -> "OP-0404";
            case CONFLICT -> "OP-0409";
            case SERVICE_UNAVAILABLE -> "OP-0503";
            default -> "OP-0400";
        };
        return known(code).orElseThrow();
    }

    static Optional<String> leadingCode(String message) {
        if (message == null) {
            return Optional.empty();
        }
        int space = message.indexOf(' ');
        String first = space < 0 ? message : message.substring(0, space);
        return CODE.matcher(first).matches() ? Optional.of(first) : Optional.empty();
    }
}
