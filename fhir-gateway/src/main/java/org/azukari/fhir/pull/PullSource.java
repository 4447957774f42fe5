package org.azukari.fhir.pull;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.identity.api.OrganisationId;

/**
 * A source organisation's FHIR server that the bank pulls from.
 *
 * <p>The credentials themselves are never here, nor in the database: {@code credentialRef}
 * names an entry of {@code azukari.gateway.pull.credentials.<ref>.*} in the configuration
 * (empty: anonymous). The base URL is http or https, absolute, with a host and nothing else
 * (no user info, query or fragment), so that it cannot smuggle credentials or parameters.
 */
public record PullSource(PullSourceId id, OrganisationId organisation, URI baseUrl, Optional<String> credentialRef,
                         ValidationMode mode, boolean enabled) {

    public static final int MAX_BASE_URL = 1024;
    private static final Pattern CREDENTIAL_REF = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public PullSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(baseUrl, "base URL");
        Objects.requireNonNull(credentialRef, "credential reference");
        Objects.requireNonNull(mode, "validation mode");
        checkBaseUrl(baseUrl);
        credentialRef.ifPresent(PullSource::checkCredentialRef);
    }

    /** Parses and checks an operator's base URL; a trailing slash is dropped. */
    public static URI baseUrl(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_BASE_URL) {
            throw malformedUrl();
        }
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (java.net.URISyntaxException e) {
            throw malformedUrl();
        }
        checkBaseUrl(uri);
        return uri;
    }

    private static void checkBaseUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.toString().length() > MAX_BASE_URL) {
            throw malformedUrl();
        }
    }

    static void checkCredentialRef(String ref) {
        if (ref == null || !CREDENTIAL_REF.matcher(ref).matches()) {
            throw new BadInputException(FhirGatewayError.FG_0603, "malformed credential reference");
        }
    }

    private static IllegalArgumentException malformedUrl() {
        return new BadInputException(FhirGatewayError.FG_0601, "the base URL must be an http(s) URL with a host, "
                + "without user info, query or fragment");
    }
}
