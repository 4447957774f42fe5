package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.azukari.server.testing.EdgeTestSupport;
import org.azukari.server.testing.InMemoryRealms;
import org.azukari.server.testing.RawHttp;

/**
 * Path-confusion bypasses of Shiro-guarded routes (CVE-2022-32532, CVE-2023-22602,
 * CVE-2023-34478, CVE-2023-46749 and their relatives): every protected route, spelt every
 * way a router and a filter might disagree about, sent raw on a socket without credentials
 * (and with the wrong kind of credentials), must never answer 200.
 */
class PathVariantMatrixTest extends EdgeTestSupport {

    /** Protected routes and the anonymous route used as a prefix to reach them. */
    static final List<String> PROTECTED = List.of("/fhir/Patient", "/fhir/Observation/1", "/api/operator/whoami",
            "/api/audit/whoami", "/portal", "/api/system/ping", "/operator/datasets");

    static Set<String> variants(String route) {
        Set<String> out = new LinkedHashSet<>();
        String[] seg = route.substring(1).split("/");
        String first = seg[0];
        String rest = route.substring(first.length() + 1); // "" or "/..."
        String last = seg[seg.length - 1];
        String head = route.substring(0, route.length() - last.length()); // with trailing slash
        out.add(route);
        // matrix parameters
        out.add(route + ";x=1");
        out.add(route + ";");
        out.add("/" + first + ";x=1" + rest);
        out.add("/" + first + ";" + rest);
        out.add("/;x=1" + route);
        out.add(head + ";x=1/" + last);
        // doubled and dotted slashes
        out.add("/" + route);
        out.add(route.replace("/", "//"));
        out.add(head + "/" + last);
        out.add("/." + route);
        out.add(head + "./" + last);
        out.add("/" + first + "/." + rest);
        // encoded dots and slashes, single and double
        out.add(head + "%2e/" + last);
        out.add(head + "%2E/" + last);
        out.add("/%2e" + route);
        out.add(route.replace("/", "%2f").replaceFirst("%2f", "/"));
        out.add(route.replace("/", "%2F").replaceFirst("%2F", "/"));
        out.add("/" + first + "%2f" + rest.substring(Math.min(1, rest.length())));
        out.add("/" + first + "%2F" + rest.substring(Math.min(1, rest.length())));
        out.add(head + "%252e/" + last);
        out.add("/" + first + "%252f" + rest.substring(Math.min(1, rest.length())));
        out.add(head + "%252e%252e/" + last);
        out.add(head + "%2e%2e/" + first + "/" + last);
        out.add(route.replaceFirst(first, "%" + Integer.toHexString(first.charAt(0)) + first.substring(1)));
        // trailing slash and case
        out.add(route + "/");
        out.add(route + "/.");
        out.add(route + "/..;/" + last);
        out.add(route.toUpperCase());
        out.add("/" + first.substring(0, 1).toUpperCase() + first.substring(1) + rest);
        out.add(route.replace(last, last.toLowerCase().equals(last) ? last.toUpperCase() : last.toLowerCase()));
        // traversal from an anonymous route
        out.add("/..;" + route);
        out.add("/..;/" + route.substring(1));
        out.add("/x/..;" + route);
        out.add("/fhir/metadata/.." + route.substring(route.indexOf('/', 1) < 0 ? 0 : 0));
        out.add("/fhir/metadata/../.." + route);
        out.add("/fhir/metadata/..;" + route);
        out.add("/fhir/metadata/%2e%2e" + route);
        out.add("/fhir/metadata/%2e%2e/%2e%2e" + route);
        out.add("/fhir/metadata%2f..%2f.." + route);
        out.add("/fhir/.well-known/../.." + route);
        out.add("/fhir/.well-known/%2e%2e/%2e%2e" + route);
        out.add("/actuator/health/../.." + route);
        out.add("/actuator/health/..;" + route);
        out.add("/signin/../.." + route);
        out.add("/signin;/.." + route);
        out.add("/signin/..;" + route);
        out.add("/error/../.." + route);
        // backslashes, encoded and raw
        out.add(route.replace("/", "%5c").replaceFirst("%5c", "/"));
        out.add(route.replace("/", "%5C").replaceFirst("%5C", "/"));
        out.add("/fhir/metadata%5c..%5c.." + route.replace("/", "%5c"));
        // null byte, fragments and trailing junk
        out.add(route + "%00");
        out.add(route + "%00.json");
        out.add(route + "%20");
        out.add(route + ".json");
        out.add(route + "?x=1");
        return out;
    }

    static Stream<Arguments> everyVariantOfEveryRoute() {
        List<Arguments> cases = new ArrayList<>();
        for (String route : PROTECTED) {
            for (String variant : variants(route)) {
                cases.add(Arguments.of(variant));
            }
        }
        // routes reached through the anonymous FHIR routes (the /fhir/metadata/../Patient family)
        for (String variant : List.of("/fhir/metadata/../Patient", "/fhir/metadata/..;/Patient",
                "/fhir/metadata/%2e%2e/Patient", "/fhir/metadata/%2E%2E/Patient", "/fhir/metadata/%252e%252e/Patient",
                "/fhir/metadata%2f..%2fPatient", "/fhir/metadata%5c..%5cPatient", "/fhir/metadata;/../Patient",
                "/fhir/.well-known/../Patient", "/fhir/.well-known/%2e%2e/Patient",
                "/fhir/.well-known/smart-configuration/../../Patient", "/fhir/metadata/Patient",
                "/fhir/metadata;x=1/../Patient", "/fhir/./metadata/../Patient", "/fhir//metadata/../Patient",
                "/fhir/metadata/../Observation/1", "/fhir/metadata/../../api/operator/whoami",
                "/fhir/metadata/../../portal", "/fhir/metadata/../../api/system/ping")) {
            cases.add(Arguments.of(variant));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyVariantOfEveryRoute")
    void variant_withoutCredentials_neverAnswers200(String target) throws IOException {
        RawHttp.Response answer = http.get(target);

        assertThat(answer.status()).as(target).isNotEqualTo(200);
        assertThat(answer.status()).as(target).isIn(302, 400, 401, 403, 404, 405);
        if (answer.status() == 302) {
            assertThat(answer.header("Location")).as(target).endsWith("/signin");
        }
    }

    @Test
    void variants_withAResidentsSession_neverReachOperatorOrAuditOrSystemRoutes() throws IOException {
        String resident = signIn(InMemoryRealms.RESIDENT);
        for (String route : List.of("/api/operator/whoami", "/api/audit/whoami", "/api/system/ping", "/fhir/Patient",
                "/operator/datasets")) {
            for (String variant : variants(route)) {
                RawHttp.Response answer = http.get(variant, cookie(resident));
                assertThat(answer.status()).as(variant).isNotEqualTo(200);
                assertThat(answer.body()).as(variant).doesNotContain("\"kind\"");
            }
        }
    }

    @Test
    void variants_withASystemsBearerToken_neverReachPeoplesRoutes() throws IOException {
        String bearer = "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN;
        for (String route : List.of("/api/operator/whoami", "/api/audit/whoami", "/portal")) {
            for (String variant : variants(route)) {
                RawHttp.Response answer = http.get(variant, bearer);
                assertThat(answer.status()).as(variant).isNotEqualTo(200);
                assertThat(answer.body()).as(variant).doesNotContain("\"kind\"");
            }
        }
    }

    @Test
    void theMatrixIsNotVacuous_theRoutesOpenWithTheRightCredentials() throws IOException {
        String operator = signIn(InMemoryRealms.OPERATOR);
        String resident = signIn(InMemoryRealms.RESIDENT);

        assertThat(http.get("/api/operator/whoami", cookie(operator)).status()).isEqualTo(200);
        assertThat(http.get("/portal", cookie(resident)).status()).isEqualTo(200);
        assertThat(http.get("/operator", cookie(operator)).status()).isEqualTo(200);
        assertThat(http.get("/api/system/ping", "Authorization: Bearer " + InMemoryRealms.SYSTEM_TOKEN).status())
                .isEqualTo(200);
        assertThat(http.get("/").status()).isEqualTo(200);
    }
}
