package org.azukari.identity.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The form parameters of {@code POST /oauth/token}. Built from the request's form map so that a
 * repeated parameter (refused by RFC 6749) is seen. {@link #toString()} shows nothing: the
 * client assertion is a credential.
 */
public final class TokenRequest {

    public static final String GRANT_TYPE = "grant_type";
    public static final String CLIENT_ASSERTION_TYPE = "client_assertion_type";
    public static final String CLIENT_ASSERTION = "client_assertion";
    public static final String SCOPE = "scope";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final Map<String, String> values;
    private final Set<String> repeated;

    private TokenRequest(Map<String, String> values, Set<String> repeated) {
        this.values = Map.copyOf(values);
        this.repeated = Set.copyOf(repeated);
    }

    /** From a servlet or Spring form map ({@code MultiValueMap} is one); empty values count as absent. */
    public static TokenRequest fromForm(Map<String, ? extends List<String>> form) {
        Map<String, String> values = new HashMap<>();
        Set<String> repeated = new HashSet<>();
        form.forEach((name, list) -> {
            if (name == null || list == null || list.isEmpty()) {
                return;
            }
            if (list.size() > 1) {
                repeated.add(name);
            }
            String value = list.get(0);
            if (value != null && !value.isEmpty()) {
                values.put(name, value);
            }
        });
        return new TokenRequest(values, repeated);
    }

    /**
     * From {@code ServletRequest.getParameterMap()}. Take care that only the form body is read:
     * the servlet map also holds query-string parameters, and a credential in a URL ends up in logs.
     */
    public static TokenRequest fromParameters(Map<String, String[]> parameters) {
        Map<String, List<String>> form = new HashMap<>();
        parameters.forEach((name, values) -> form.put(name, values == null ? List.of() : Arrays.asList(values)));
        return fromForm(form);
    }

    /** The four SMART parameters; a {@code null} leaves one out. */
    public static TokenRequest of(String grantType, String clientAssertionType, String clientAssertion, String scope) {
        Map<String, String> values = new HashMap<>();
        put(values, GRANT_TYPE, grantType);
        put(values, CLIENT_ASSERTION_TYPE, clientAssertionType);
        put(values, CLIENT_ASSERTION, clientAssertion);
        put(values, SCOPE, scope);
        return new TokenRequest(values, Set.of());
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean isRepeated(String name) {
        return repeated.contains(name);
    }

    @Override
    public String toString() {
        return "TokenRequest[redacted]";
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (value != null && !value.isEmpty()) {
            values.put(name, value);
        }
    }
}
