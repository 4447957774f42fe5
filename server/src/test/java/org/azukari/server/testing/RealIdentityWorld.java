package org.azukari.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.Purpose;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The edge with nothing but the identity module's real realms: organisations, clients and
 * people registered through the real registries, people signed in over HTTP with their
 * passwords, systems holding access tokens from the real token endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"azukari.data-dir=./target/real-identity-test-data", "azukari.demo.enabled=false",
                "azukari.gateway.validation.strict-sources=strict-hospital"})
public abstract class RealIdentityWorld {

    public static final String PASSWORD = "correct horse battery staple 7";
    public static final String TOKEN_ENDPOINT = "http://localhost:8080/oauth/token";
    public static final String COOKIE = "azukari-session";
    /** What an auditor's system is allowed: search and read the access log as AuditEvents. */
    public static final String AUDIT_SCOPE = "system/AuditEvent.rs";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_JSON = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * The world is built once per application context and kept in it (a singleton of the context, not
     * a static field): registration is slow (Argon2id) and the context is shared; a subclass that
     * changes properties gets its own context, database and world.
     */
    private static final String WORLD_BEAN = "realIdentityWorld";

    @Autowired
    private ConfigurableApplicationContext context;

    @LocalServerPort
    protected int port;

    @Autowired
    protected OrganisationRegistry organisations;

    @Autowired
    protected PeopleRegistry people;

    protected RawHttp http;

    public record SystemClient(ClientId id, ECKey key) {
    }

    public record World(String suffix, OrganisationId hospital, OrganisationId clinic, OrganisationId wellness,
                 SystemClient feed, SystemClient emr, SystemClient wellnessApp,
                 Map<String, PersonAccount> people, OrganisationId auditBody, SystemClient auditSystem) {
    }

    @BeforeEach
    protected void buildWorld() throws Exception {
        http = new RawHttp(port);
        if (!context.getBeanFactory().containsSingleton(WORLD_BEAN)) {
            context.getBeanFactory().registerSingleton(WORLD_BEAN, register());
        }
    }

    protected World world() {
        return (World) context.getBeanFactory().getSingleton(WORLD_BEAN);
    }

    private World register() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationId hospital = organisation("hosp-" + suffix, OrganisationKind.HOSPITAL, "treatment");
        OrganisationId clinic = organisation("clinic-" + suffix, OrganisationKind.CLINIC, "treatment");
        OrganisationId wellness = organisation("well-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        OrganisationId auditBody = new OrganisationId("audit-" + suffix);
        organisations.registerOrganisation(new Organisation(auditBody, OrganisationKind.AUDIT_BODY, "Test audit office",
                Set.of()));
        Map<String, PersonAccount> accounts = new HashMap<>();
        accounts.put("resident-a", people.registerResident(credentials("res-a-" + suffix), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE));
        accounts.put("resident-b", people.registerResident(credentials("res-b-" + suffix), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE));
        accounts.put("e-resident", people.registerEResident(credentials("eres-" + suffix), AssuranceLevel.SUBSTANTIAL,
                ProofingMethod.MY_NUMBER_CARD_PUBLIC_AUTHENTICATION));
        accounts.put("practitioner", people.registerPractitioner(clinic, credentials("doc-" + suffix)));
        accounts.put("operator", people.registerOperator(credentials("op-" + suffix)));
        accounts.put("auditor", people.registerAuditor(credentials("aud-" + suffix)));
        return new World(suffix, hospital, clinic, wellness,
                client("feed-" + suffix, hospital, PrincipalKind.SOURCE_FEED, "system/Bundle.c"),
                client("emr-" + suffix, clinic, PrincipalKind.CLINIC_EMR, "system/Observation.rs"),
                client("app-" + suffix, wellness, PrincipalKind.WELLNESS_SERVICE, "system/Group.r"),
                Map.copyOf(accounts), auditBody,
                client("auditsys-" + suffix, auditBody, PrincipalKind.AUDIT_SYSTEM, AUDIT_SCOPE));
    }

    protected String usernameOf(String who) {
        String prefix = switch (who) {
            case "resident-a" -> "res-a-";
            case "resident-b" -> "res-b-";
            case "e-resident" -> "eres-";
            case "practitioner" -> "doc-";
            case "operator" -> "op-";
            case "auditor" -> "aud-";
            default -> throw new IllegalArgumentException(who);
        };
        return prefix + world().suffix();
    }

    private static AccountCredentials credentials(String username) {
        return new AccountCredentials(username, PASSWORD);
    }

    /** A resident of their own, for tests that change what a resident holds (records, consents, erasure). */
    protected PersonAccount registerResident(String username) {
        return people.registerResident(credentials(username), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
    }

    protected OrganisationId organisation(String id, OrganisationKind kind, String purpose) {
        OrganisationId organisation = new OrganisationId(id);
        organisations.registerOrganisation(new Organisation(organisation, kind, "Test " + id, Set.of(new Purpose(purpose))));
        return organisation;
    }

    private SystemClient client(String id, OrganisationId organisation, PrincipalKind kind, String scope)
            throws Exception {
        return SystemClients.register(organisations, id, organisation, kind, scope);
    }

    /** A source feed of {@code organisation} allowed to create and update every type ({@code system/*.cu}). */
    protected SystemClient registerSourceFeed(String id, OrganisationId organisation) throws Exception {
        return client(id, organisation, PrincipalKind.SOURCE_FEED, "system/*.cu");
    }

    /** A clinic EMR of {@code organisation} allowed to read and search every type ({@code system/*.rs}). */
    protected SystemClient registerClinicEmr(String id, OrganisationId organisation) throws Exception {
        return client(id, organisation, PrincipalKind.CLINIC_EMR, "system/*.rs");
    }

    /** A wellness service's client for {@code organisation}, reading bulk groups ({@code system/Group.r}). */
    protected SystemClient registerWellnessService(String id, OrganisationId organisation) throws Exception {
        return client(id, organisation, PrincipalKind.WELLNESS_SERVICE, "system/Group.r");
    }

    /** A signed {@code private_key_jwt} client assertion, as a SMART backend service sends it. */
    public static String assertion(SystemClient client, String audience, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(client.key().getKeyID())
                .type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(client.id().value()).subject(client.id().value()).audience(audience)
                        .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(client.key()));
        return jwt.serialize();
    }

    protected RawHttp.Response requestToken(String assertion, String scope) throws IOException {
        return http.postForm("/oauth/token", form("grant_type", "client_credentials",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion, "scope", scope));
    }

    protected String accessToken(SystemClient client, String scope) throws Exception {
        RawHttp.Response answer = requestToken(assertion(client, TOKEN_ENDPOINT, Instant.now().plusSeconds(120)), scope);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** Signs a person in through the form; answers their session cookie value. */
    protected String signIn(String who) throws IOException {
        return signInAs(usernameOf(who), who);
    }

    /** Signs in an account a test class registered itself; answers its session cookie value. */
    protected String signInAs(String username, String who) throws IOException {
        RawHttp.Response page = http.get("/signin");
        String visitor = page.cookie(COOKIE);
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        RawHttp.Response answer = http.postForm("/signin", form("username", username, "password", PASSWORD,
                "code", "", "_csrf", csrf.group(1)), cookie(visitor));
        assertThat(answer.status()).as("sign-in of " + who).isEqualTo(302);
        return answer.cookie(COOKIE);
    }

    /** The CSRF token of a signed-in operator's or auditor's session (from whoami). */
    protected String csrfOf(String session, String whoamiPath) throws IOException {
        Matcher m = CSRF_JSON.matcher(http.get(whoamiPath, cookie(session)).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    public static String cookie(String session) {
        return "Cookie: " + COOKIE + "=" + session;
    }

    public static String bearer(String token) {
        return "Authorization: Bearer " + token;
    }

    public static String form(String... pairs) {
        return EdgeTestSupport.form(pairs);
    }
}
