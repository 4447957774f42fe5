package org.azukari.identity.federation;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.identity.api.ProviderId;
import org.azukari.identity.api.SignInProvider;

/**
 * One provider's checked settings. A provider that is misconfigured stops the start ({@code
 * ID-0390}), not the first sign-in: plain {@code http} only for a loopback issuer (tests), a
 * client id and secret, an absolute callback, {@code openid} among the scopes, a remote proofing
 * method (the provider proves the person without the city office).
 */
record ProviderSettings(ProviderId id, URI issuer, String clientId, String clientSecret, URI redirectUri,
                        List<String> scopes, ProofingMethod proofing, Map<String, AssuranceLevel> acrLevels,
                        List<String> residentAddressPrefixes, SignInProvider label, Duration timeout,
                        Duration clockSkew, Set<JWSAlgorithm> algorithms) {

    static ProviderSettings of(String id, FederationProperties.Provider p) {
        ProviderId provider;
        try {
            provider = new ProviderId(id);
        } catch (IllegalArgumentException e) {
            throw invalid("provider id");
        }
        if (p.issuer() == null || !secureOrLoopback(p.issuer())) {
            throw invalid("issuer of " + id);
        }
        if (blank(p.clientId()) || blank(p.clientSecret())) {
            throw invalid("client id and secret of " + id);
        }
        if (p.redirectUri() == null || !p.redirectUri().isAbsolute() || !secureOrLoopback(p.redirectUri())) {
            throw invalid("redirect-uri of " + id);
        }
        if (!p.scopes().contains("openid")) {
            throw invalid("scopes of " + id + " (openid is required)");
        }
        if (p.proofing() == null || !p.proofing().isRemote()) {
            throw invalid("proofing of " + id + " (a remote proofing method)");
        }
        if (p.timeout().isNegative() || p.timeout().isZero() || p.timeout().toSeconds() > 60) {
            throw invalid("timeout of " + id);
        }
        Set<JWSAlgorithm> algorithms = p.idTokenAlgorithms().stream().map(JWSAlgorithm::parse)
                .collect(Collectors.toUnmodifiableSet());
        if (algorithms.isEmpty() || algorithms.stream().anyMatch(a -> !JWSAlgorithm.Family.SIGNATURE.contains(a))) {
            throw invalid("id-token-algorithms of " + id + " (asymmetric signatures only)");
        }
        List<String> prefixes = p.residentAddressPrefixes().stream().map(ProviderSettings::normalised)
                .filter(s -> !s.isBlank()).toList();
        SignInProvider label = new SignInProvider(provider, blank(p.labelJa()) ? id : p.labelJa(),
                blank(p.labelEn()) ? id : p.labelEn());
        return new ProviderSettings(provider, p.issuer(), p.clientId(), p.clientSecret(), p.redirectUri(),
                List.copyOf(p.scopes()), p.proofing(), Map.copyOf(p.acrLevels()), prefixes, label, p.timeout(),
                p.clockSkew(), algorithms);
    }

    static String normalised(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).strip();
    }

    private static boolean secureOrLoopback(URI uri) {
        if ("https".equals(uri.getScheme())) {
            return uri.getHost() != null;
        }
        return "http".equals(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static IllegalArgumentException invalid(String what) {
        return new IllegalArgumentException("ID-0390 invalid sign-in provider setting: " + what);
    }

    @Override
    public String toString() {
        return "ProviderSettings[id=" + id + ", issuer=" + issuer + "]";
    }
}
