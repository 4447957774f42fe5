package org.azukari.identity.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code /fhir/.well-known/smart-configuration} publishes for backend services. The web
 * edge writes {@link #body()} as JSON.
 */
public record SmartConfiguration(String tokenEndpoint, List<String> tokenEndpointAuthMethodsSupported,
                                 List<String> tokenEndpointAuthSigningAlgValuesSupported,
                                 List<String> grantTypesSupported, List<String> scopesSupported,
                                 List<String> capabilities) {

    public SmartConfiguration {
        Objects.requireNonNull(tokenEndpoint);
        tokenEndpointAuthMethodsSupported = List.copyOf(tokenEndpointAuthMethodsSupported);
        tokenEndpointAuthSigningAlgValuesSupported = List.copyOf(tokenEndpointAuthSigningAlgValuesSupported);
        grantTypesSupported = List.copyOf(grantTypesSupported);
        scopesSupported = List.copyOf(scopesSupported);
        capabilities = List.copyOf(capabilities);
    }

    /** The bank's values for a token endpoint and the scopes it offers. */
    public static SmartConfiguration backendServices(String tokenEndpoint, List<String> scopesSupported) {
        return new SmartConfiguration(tokenEndpoint, List.of("private_key_jwt"), List.of("RS384", "ES384"),
                List.of("client_credentials"), scopesSupported,
                List.of("client-confidential-asymmetric", "permission-v2"));
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_endpoint", tokenEndpoint);
        body.put("token_endpoint_auth_methods_supported", tokenEndpointAuthMethodsSupported);
        body.put("token_endpoint_auth_signing_alg_values_supported", tokenEndpointAuthSigningAlgValuesSupported);
        body.put("grant_types_supported", grantTypesSupported);
        body.put("scopes_supported", scopesSupported);
        body.put("capabilities", capabilities);
        return body;
    }
}
