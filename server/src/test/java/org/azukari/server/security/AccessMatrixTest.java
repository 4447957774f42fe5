package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.azukari.server.testing.Assessed;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * Every kind of principal against every protected route, and against other principals'
 * objects, with the real realms: each is allowed exactly where the table says and refused
 * everywhere else. Data-level decisions (consent) come later; this is who may call what.
 */
class AccessMatrixTest extends RealIdentityWorld {

    private static final List<String> PRINCIPALS = List.of("anonymous", "resident-a", "resident-b", "e-resident",
            "practitioner", "operator", "auditor", "source-feed", "clinic-emr", "wellness-service", "audit-system");

    /** route → the principals that may call it; everyone else must be refused. */
    private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("GET /portal", Set.of("resident-a", "resident-b", "e-resident", "practitioner"));
        ALLOWED.put("GET /operator", Set.of("operator"));
        ALLOWED.put("GET /operator/datasets", Set.of("operator"));
        ALLOWED.put("GET /operator/people", Set.of("operator"));
        ALLOWED.put("GET /api/operator/whoami", Set.of("operator"));
        ALLOWED.put("GET /api/operator/organisations", Set.of("operator"));
        ALLOWED.put("GET /api/operator/purposes", Set.of("operator"));
        ALLOWED.put("GET /api/operator/pull-sources", Set.of("operator"));
        ALLOWED.put("POST /api/operator/organisations", Set.of("operator"));
        ALLOWED.put("POST /api/operator/residents", Set.of("operator"));
        ALLOWED.put("GET /api/audit/whoami", Set.of("auditor"));
        ALLOWED.put("GET /api/system/ping", Set.of("source-feed", "clinic-emr", "wellness-service", "audit-system"));
        ALLOWED.put("GET /api/system/dataset-requests", Set.of("wellness-service"));
        ALLOWED.put("GET /api/operator/dataset-requests", Set.of("operator"));
        // the access log as FHIR AuditEvents: auditors' systems only, and they read nothing else
        ALLOWED.put("GET /fhir/AuditEvent", Set.of("audit-system"));
        ALLOWED.put("GET /fhir/Observation?patient=aaaaaaaaaaaaaaaaaaaaaaaaaa", Set.of());
        ALLOWED.put("GET /fhir/Patient/aaaaaaaaaaaaaaaaaaaaaaaaaa", Set.of());
        ALLOWED.put("GET /fhir/Consent?patient=aaaaaaaaaaaaaaaaaaaaaaaaaa", Set.of());
        ALLOWED.put("GET /fhir/Group/no-such-request/$export", Set.of());
    }

    @Test
    void everyPrincipal_againstEveryRoute_isAllowedExactlyWhereTheTableSays() throws Exception {
        Map<String, String[]> credentials = credentialsOfEveryone();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> route : ALLOWED.entrySet()) {
            for (String who : PRINCIPALS) {
                int status = call(route.getKey(), credentials.get(who), who);
                boolean allowed = route.getValue().contains(who);
                boolean passed = status >= 200 && status < 300;
                if (allowed != passed) {
                    wrong.add(route.getKey() + " as " + who + " answered " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void fhirRoutes_refuseEveryPersonAndAnonymous() throws Exception {
        Map<String, String[]> credentials = credentialsOfEveryone();
        for (String who : List.of("anonymous", "resident-a", "e-resident", "practitioner", "operator", "auditor")) {
            assertThat(http.get("/fhir/Patient", credentials.get(who)).status()).as(who).isEqualTo(401);
        }
    }

    @Test
    void operator_cannotLinkAnEnrolmentToAPractitionersAccount_orToAnAccountThatDoesNotExist() throws Exception {
        String session = signIn("operator");
        String csrf = csrfOf(session, "/api/operator/whoami");
        String body = "{\"source\":\"" + world().hospital() + "\",\"system\":\"urn:oid:1.2.3\",\"value\":\"MRN-1\"}";

        String practitioner = world().people().get("practitioner").account().toString();
        assertThat(http.send("POST", "/api/operator/residents/" + practitioner + "/enrolment-links",
                "application/json", body, cookie(session), "X-CSRF-Token: " + csrf).status()).isEqualTo(404);
        assertThat(http.send("POST", "/api/operator/residents/" + UUID.randomUUID() + "/enrolment-links",
                "application/json", body, cookie(session), "X-CSRF-Token: " + csrf).status()).isEqualTo(404);
        String resident = world().people().get("resident-a").account().toString();
        assertThat(http.send("POST", "/api/operator/residents/" + resident + "/enrolment-links",
                "application/json", body, cookie(session), "X-CSRF-Token: " + csrf).status()).isEqualTo(204);
    }

    @Test
    void aSystem_cannotDeactivateAnotherOrganisationsClient_andAResidentCannotEither() throws Exception {
        String target = "/api/operator/clients/" + world().emr().id() + "/status";
        String body = "{\"status\":\"INACTIVE\"}";
        String feedToken = accessToken(world().feed(), "system/Bundle.c");
        assertThat(http.send("PUT", target, "application/json", body, bearer(feedToken)).status()).isIn(401, 403);
        String resident = signIn("resident-a");
        assertThat(http.send("PUT", target, "application/json", body, cookie(resident)).status()).isEqualTo(403);
        assertThat(organisations.findClient(world().emr().id()).orElseThrow().isActive()).isTrue();
    }

    private Map<String, String[]> credentialsOfEveryone() throws Exception {
        Map<String, String[]> credentials = new LinkedHashMap<>();
        credentials.put("anonymous", new String[0]);
        for (String person : List.of("resident-a", "resident-b", "e-resident", "practitioner", "operator", "auditor")) {
            credentials.put(person, new String[] {cookie(signIn(person))});
        }
        credentials.put("source-feed", new String[] {bearer(accessToken(world().feed(), "system/Bundle.c"))});
        credentials.put("clinic-emr", new String[] {bearer(accessToken(world().emr(), "system/Observation.rs"))});
        credentials.put("wellness-service", new String[] {bearer(accessToken(world().wellnessApp(), "system/Group.r"))});
        credentials.put("audit-system", new String[] {bearer(accessToken(world().auditSystem(), AUDIT_SCOPE))});
        return credentials;
    }

    /** Calls a route; state-changing calls carry the session's CSRF token when there is a session. */
    private int call(String route, String[] headers, String who) throws Exception {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        if (method.equals("GET")) {
            return http.get(path, headers).status();
        }
        List<String> lines = new ArrayList<>(List.of(headers));
        if (who.equals("operator")) {
            lines.add("X-CSRF-Token: " + csrfOf(headers[0].substring("Cookie: ".length() + COOKIE.length() + 1),
                    "/api/operator/whoami"));
        }
        String body = path.endsWith("/organisations")
                ? "{\"id\":\"org-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"kind\":\"CLINIC\","
                        + "\"displayName\":\"Matrix clinic\",\"purposes\":[\"treatment\"],\"assessment\":" + Assessed.JSON + "}"
                : "{\"username\":\"m-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"initialPassword\":\""
                        + PASSWORD + "\",\"eResident\":false,\"assurance\":\"HIGH\",\"proofing\":\"IN_PERSON_AT_CITY_OFFICE\"}";
        return http.send(method, path, "application/json", body, lines.toArray(String[]::new)).status();
    }
}
