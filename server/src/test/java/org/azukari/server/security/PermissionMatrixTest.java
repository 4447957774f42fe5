package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.shiro.authz.Authorizer;
import org.apache.shiro.authz.ModularRealmAuthorizer;
import org.apache.shiro.mgt.SessionsSecurityManager;
import org.apache.shiro.subject.PrincipalCollection;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.CallerPermission;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The permission vocabulary is what the edges enforce: for each permission, the caller that
 * normally holds it, with exactly that one permission withheld by the security manager (its kind,
 * its session or token and every other permission unchanged), is refused at every edge that
 * requires it, and let through when it holds it. An edge that checked the caller's kind instead
 * would still let it through. ({@code docs/identity.md} has the same table.)
 */
class PermissionMatrixTest extends RealIdentityWorld {

    private static final String PATIENT = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String EMPTY_BATCH = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[]}";

    /** A permission, who holds it, an edge that requires it, and how that edge refuses. */
    record Row(CallerPermission permission, String who, String method, String path, int refusal) {
        @Override
        public String toString() {
            return permission + " " + method + " " + path + " as " + who;
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row(CallerPermission.ADMINISTER_REGISTRY, "operator", "GET", "/api/operator/organisations", 403),
            new Row(CallerPermission.ADMINISTER_REGISTRY, "operator", "GET", "/api/operator/whoami", 403),
            new Row(CallerPermission.ADMINISTER_REGISTRY, "operator", "GET", "/operator", 403),
            new Row(CallerPermission.ADMINISTER_REGISTRY, "operator", "GET", "/operator/people", 403),
            new Row(CallerPermission.APPROVE_DATASETS, "operator", "GET", "/api/operator/dataset-requests", 403),
            new Row(CallerPermission.APPROVE_DATASETS, "operator", "GET", "/operator/datasets", 404),
            new Row(CallerPermission.READ_ACCESS_LOG, "auditor", "GET", "/api/audit/whoami", 403),
            new Row(CallerPermission.READ_ACCESS_LOG, "auditor", "GET", "/api/audit/entries", 403),
            new Row(CallerPermission.READ_ACCESS_LOG, "auditor", "GET", "/audit", 403),
            new Row(CallerPermission.READ_ACCESS_LOG, "audit-system", "GET", "/fhir/AuditEvent", 403),
            new Row(CallerPermission.REQUEST_RELEASE, "practitioner", "GET", "/clinic", 403),
            new Row(CallerPermission.REQUEST_RELEASE, "practitioner", "GET", "/portal", 403),
            new Row(CallerPermission.REQUEST_RELEASE, "clinic-emr", "GET", "/fhir/Observation?patient=" + PATIENT, 403),
            new Row(CallerPermission.REQUEST_RELEASE, "clinic-emr", "GET", "/fhir/Observation/" + PATIENT, 403),
            new Row(CallerPermission.INGEST, "source-feed", "POST", "/fhir", 403),
            new Row(CallerPermission.REQUEST_DATASETS, "wellness-service", "GET", "/api/system/dataset-requests", 403),
            new Row(CallerPermission.REQUEST_DATASETS, "wellness-service", "GET", "/fhir/Group/no-such-request/$export",
                    403),
            new Row(CallerPermission.READ_OWN_RECORDS, "resident-a", "GET", "/portal/records", 404),
            new Row(CallerPermission.READ_OWN_RECORDS, "resident-a", "GET", "/portal/charts", 404),
            new Row(CallerPermission.MANAGE_OWN_DATA, "resident-a", "GET", "/portal/consents", 404),
            new Row(CallerPermission.MANAGE_OWN_DATA, "resident-a", "GET", "/portal/my-data", 404),
            new Row(CallerPermission.MANAGE_OWN_DATA, "resident-a", "GET", "/portal/my-data/records.json", 403),
            new Row(CallerPermission.MANAGE_OWN_DATA, "resident-a", "GET", "/portal/my-data/erase", 403),
            new Row(CallerPermission.MANAGE_OWN_DATA, "resident-a", "GET", "/portal/api/consents", 404),
            new Row(CallerPermission.MANAGE_OWN_DATA, "resident-a", "GET", "/portal/api/receipts", 404),
            new Row(CallerPermission.MANAGE_OWN_DATA, "resident-a", "GET", "/portal/api/never-share", 404));

    @Autowired
    SessionsSecurityManager securityManager;

    private Authorizer original;
    private Withholding withholding;

    @BeforeEach
    void installWithholdingAuthorizer() {
        original = securityManager.getAuthorizer();
        withholding = new Withholding();
        withholding.setRealms(((ModularRealmAuthorizer) original).getRealms());
        securityManager.setAuthorizer(withholding);
    }

    @AfterEach
    void restoreAuthorizer() {
        securityManager.setAuthorizer(original);
    }

    @Test
    void eachEdge_withItsPermissionWithheld_refusesTheCallerThatOtherwiseMayCallIt() throws Exception {
        Map<String, String[]> credentials = credentials();
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            withholding.withheld = Optional.empty();
            RawHttp.Response granted = call(row, credentials.get(row.who()));
            withholding.withheld = Optional.of(row.permission());
            RawHttp.Response withheld = call(row, credentials.get(row.who()));
            if (granted.status() == row.refusal() || granted.status() == 401) {
                wrong.add(row + ": with the permission answered " + granted.status() + " " + outline(granted));
            }
            if (withheld.status() != row.refusal()) {
                wrong.add(row + ": without it answered " + withheld.status() + ", not " + row.refusal());
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * Routes the chain lets through without a person's permission, each with where its permission
     * is checked instead or why it needs none. A new route outside a permission-guarded chain line
     * fails the test until it is guarded or listed here.
     */
    private static final Map<String, String> WITHOUT_A_CHAIN_PERMISSION = Map.ofEntries(
            Map.entry("/", "the landing page: anyone"),
            Map.entry("/signin", "signing in: anyone"),
            Map.entry("/signin/oidc/{provider}", "signing in with the My Number card: anyone"),
            Map.entry("/signin/oidc/{provider}/callback", "the provider's answer to a sign-in this session started: anyone"),
            Map.entry("/signout", "signing out: whoever is signed in"),
            Map.entry("/error", "the error page"),
            Map.entry("/privacy", "the published privacy policy: anyone"),
            Map.entry("/oauth/token", "the token endpoint: a client authenticates with its assertion"),
            Map.entry("/.well-known/azukari-receipt-keys", "public keys that verify receipts: anyone"),
            Map.entry("/api/system/ping", "any system with a valid token; answers only who it is"),
            Map.entry("/api/system/dataset-requests", "REQUEST_DATASETS, in WellnessCallers"),
            Map.entry("/api/system/dataset-requests/{id}", "REQUEST_DATASETS, in WellnessCallers"),
            Map.entry("/api/system/bulk/{job}", "REQUEST_DATASETS, in WellnessCallers"),
            Map.entry("/api/system/bulk/{job}/{type}.ndjson", "REQUEST_DATASETS, in WellnessCallers"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyMappedRoute_isGuardedByAPermissionInTheChain_orListedWithWhereItIsChecked() {
        AntPathMatcher matcher = new AntPathMatcher();
        Set<String> unguarded = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                String filters = ShiroConfiguration.CHAIN.entrySet().stream()
                        .filter(line -> matcher.match(line.getKey(), pattern)).findFirst()
                        .map(Map.Entry::getValue).orElse("deny");
                boolean byPermission = filters.contains("personApi[") || filters.contains("personPage[");
                if (!byPermission && !filters.equals("deny")) {
                    unguarded.add(pattern);
                }
            }
        }
        assertThat(unguarded).containsExactlyInAnyOrderElementsOf(WITHOUT_A_CHAIN_PERMISSION.keySet());
    }

    @Test
    void everyPermissionOfTheVocabulary_isRequiredByAtLeastOneEdge() {
        assertThat(ROWS.stream().map(Row::permission).distinct()).containsExactlyInAnyOrder(CallerPermission.values());
    }

    private Map<String, String[]> credentials() throws Exception {
        Map<String, String[]> credentials = new LinkedHashMap<>();
        for (String person : List.of("resident-a", "practitioner", "operator", "auditor")) {
            credentials.put(person, new String[] {cookie(signIn(person))});
        }
        credentials.put("source-feed", new String[] {bearer(accessToken(world().feed(), "system/Bundle.c"))});
        credentials.put("clinic-emr", new String[] {bearer(accessToken(world().emr(),
                "system/Observation.rs"))});
        credentials.put("wellness-service", new String[] {bearer(accessToken(world().wellnessApp(), "system/Group.r"))});
        credentials.put("audit-system", new String[] {bearer(accessToken(world().auditSystem(), AUDIT_SCOPE))});
        return credentials;
    }

    private RawHttp.Response call(Row row, String[] headers) throws Exception {
        if (row.method().equals("GET")) {
            List<String> lines = new ArrayList<>(List.of(headers));
            lines.add("X-Azukari-Purpose: treatment");
            return http.get(row.path(), lines.toArray(String[]::new));
        }
        return http.send(row.method(), row.path(), "application/fhir+json", EMPTY_BATCH, headers);
    }

    private static String outline(RawHttp.Response response) {
        String body = response.body();
        return body.substring(0, Math.min(200, body.length()));
    }

    /** The realms' answers, except for the one permission withheld from whoever asks. */
    static final class Withholding extends ModularRealmAuthorizer {

        volatile Optional<CallerPermission> withheld = Optional.empty();

        @Override
        public boolean isPermitted(PrincipalCollection principals, String permission) {
            if (principals != null && principals.getPrimaryPrincipal() instanceof Caller caller
                    && withheld.flatMap(p -> p.of(caller)).filter(permission::equals).isPresent()) {
                return false;
            }
            return super.isPermitted(principals, permission);
        }
    }
}
