package org.azukari.identity.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.azukari.consent.api.Purpose;
import org.azukari.identity.api.Client;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientRegistration;
import org.azukari.identity.api.ClientStatus;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.OrganisationRegistryException;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.identity.api.SmartScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class JdbcOrganisationRegistryTest {

    private static final Set<SmartScope> READ_OBSERVATIONS = Set.of(SmartScope.parse("system/Observation.rs"));

    @TempDir
    Path dir;
    private DataSource dataSource;
    private JdbcOrganisationRegistry registry;
    private JdbcPurposeRegistry purposes;

    @BeforeEach
    void setUp() {
        dataSource = TestDatabase.migrated(dir);
        registry = new JdbcOrganisationRegistry(dataSource, Clock.systemUTC());
        purposes = new JdbcPurposeRegistry(dataSource);
    }

    private Organisation organisation(String id, OrganisationKind kind, String... purposeCodes) {
        return new Organisation(new OrganisationId(id), kind, "Kaga Clinic",
                Set.of(purposeCodes).stream().map(Purpose::new).collect(java.util.stream.Collectors.toSet()));
    }

    private ClientRegistration clientFor(String client, String organisation, PrincipalKind kind, String jwks) {
        return new ClientRegistration(new ClientId(client), new OrganisationId(organisation), kind, READ_OBSERVATIONS, jwks);
    }

    private void assertCode(Runnable action, IdentityError code) {
        assertThatThrownBy(action::run).isInstanceOf(OrganisationRegistryException.class)
                .satisfies(e -> assertThat(((OrganisationRegistryException) e).errorCode()).isEqualTo(code))
                .hasMessageStartingWith(code.code());
    }

    private long rows(String table) {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    /**
     * Each lookup needs one connection at a time. A query run inside another's row mapper holds two,
     * and under load (infra/bench load, 50 clients) every request thread then held one and waited for
     * a second until the pool's timeout: 503s and 500s. On a pool of one such a lookup cannot answer.
     */
    @Test
    void lookups_onAPoolOfOneConnection_answerWithoutWaitingForASecond() {
        registry.registerOrganisation(organisation("kaga-hospital", OrganisationKind.HOSPITAL, "treatment"));
        registry.registerClient(clientFor("kaga-emr", "kaga-hospital", PrincipalKind.CLINIC_EMR,
                Keys.publicJwks(Keys.ec(Curve.P_384, "ec-1"))));
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(1_000);
        try (HikariDataSource oneConnection = new HikariDataSource(config)) {
            JdbcOrganisationRegistry onOne = new JdbcOrganisationRegistry(oneConnection, Clock.systemUTC());

            assertThat(onOne.findOrganisation(new OrganisationId("kaga-hospital")).orElseThrow().purposes())
                    .containsExactly(new Purpose("treatment"));
            assertThat(onOne.organisations()).extracting(o -> o.id().value()).containsExactly("kaga-hospital");
            Client client = onOne.findClient(new ClientId("kaga-emr")).orElseThrow();
            assertThat(client.allowedScopes()).isEqualTo(READ_OBSERVATIONS);
            assertThat(client.keys()).hasSize(1);
            assertThat(onOne.clients(new OrganisationId("kaga-hospital"))).extracting(c -> c.id().value())
                    .containsExactly("kaga-emr");
        }
    }

    @Test
    void purposes_afterMigration_holdTheSeededCatalogueInJapaneseAndEnglish() {
        assertThat(purposes.purposes()).extracting(e -> e.purpose().code())
                .containsExactly("care-coordination", "health-advice", "research", "treatment");
        PurposeRegistry.Entry advice = purposes.find(new Purpose("health-advice")).orElseThrow();
        assertThat(advice.label(Locale.JAPANESE)).isEqualTo("健康アドバイス");
        assertThat(advice.label(Locale.ENGLISH)).isEqualTo("Health advice");
    }

    @Test
    void define_existingPurpose_isRefused() {
        assertCode(() -> purposes.define(new PurposeRegistry.Entry(new Purpose("treatment"), "治療", "Treatment")),
                OrganisationRegistryException.PURPOSE_EXISTS);
    }

    @Test
    void registerOrganisation_withKnownPurposes_isFoundAndListed() {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment", "research"));

        Organisation found = registry.findOrganisation(new OrganisationId("kaga-clinic")).orElseThrow();
        assertThat(found.kind()).isEqualTo(OrganisationKind.CLINIC);
        assertThat(found.purposes()).containsExactlyInAnyOrder(new Purpose("treatment"), new Purpose("research"));
        assertThat(registry.organisations()).extracting(Organisation::id).containsExactly(new OrganisationId("kaga-clinic"));
    }

    @Test
    void registerOrganisation_withUnknownPurpose_refusesAndStoresNothing() {
        assertCode(() -> registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment",
                "marketing")), OrganisationRegistryException.UNKNOWN_PURPOSE);

        assertThat(rows("id_organisation")).isZero();
        assertThat(rows("id_organisation_purpose")).isZero();
    }

    @Test
    void registerOrganisation_twice_isRefusedAndKeepsTheFirst() {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));

        assertCode(() -> registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.WELLNESS_SERVICE,
                "health-advice")), OrganisationRegistryException.ORGANISATION_EXISTS);
        assertThat(registry.findOrganisation(new OrganisationId("kaga-clinic")).orElseThrow().kind())
                .isEqualTo(OrganisationKind.CLINIC);
    }

    @Test
    void organisation_withControlCharacterInName_isRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new Organisation(new OrganisationId("kaga-clinic"), OrganisationKind.CLINIC,
                "山田医院\u0007secret", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ID-0201")
                .hasMessageNotContaining("山田").hasMessageNotContaining("secret");
    }

    @Test
    void registerClient_withPublicRsaAndEcKeys_isFoundActiveWithBothKeys() {
        registry.registerOrganisation(organisation("kaga-hospital", OrganisationKind.HOSPITAL, "treatment"));
        RSAKey rsa = Keys.rsa("rsa-1");

        registry.registerClient(clientFor("kaga-emr", "kaga-hospital", PrincipalKind.CLINIC_EMR,
                Keys.publicJwks(rsa, Keys.ec(Curve.P_384, "ec-1"))));

        Client client = registry.findClient(new ClientId("kaga-emr")).orElseThrow();
        assertThat(client.isActive()).isTrue();
        assertThat(client.kind()).isEqualTo(PrincipalKind.CLINIC_EMR);
        assertThat(client.allowedScopes()).isEqualTo(READ_OBSERVATIONS);
        assertThat(client.keys()).extracting(k -> k.keyId() + "/" + k.keyType()).containsExactly("ec-1/EC", "rsa-1/RSA");
        assertThat(client.key("rsa-1").orElseThrow().publicJwk()).doesNotContain("\"d\"");
        assertThat(registry.clients(new OrganisationId("kaga-hospital"))).extracting(Client::id)
                .containsExactly(new ClientId("kaga-emr"));
    }

    @Test
    void registerClient_kindNotFittingItsOrganisation_refusesAndStoresNothing() {
        registry.registerOrganisation(organisation("kaga-care", OrganisationKind.CARE_PROVIDER));
        registry.registerOrganisation(organisation("step-up", OrganisationKind.WELLNESS_SERVICE, "health-advice"));
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        String jwks = Keys.publicJwks(Keys.rsa());

        assertCode(() -> registry.registerClient(clientFor("a-emr", "kaga-care", PrincipalKind.CLINIC_EMR, jwks)),
                OrganisationRegistryException.KIND_MISMATCH);
        assertCode(() -> registry.registerClient(clientFor("a-feed", "step-up", PrincipalKind.SOURCE_FEED, jwks)),
                OrganisationRegistryException.KIND_MISMATCH);
        assertCode(() -> registry.registerClient(clientFor("a-app", "kaga-clinic", PrincipalKind.WELLNESS_SERVICE, jwks)),
                OrganisationRegistryException.KIND_MISMATCH);
        assertCode(() -> registry.registerClient(clientFor("a-op", "kaga-clinic", PrincipalKind.OPERATOR, jwks)),
                OrganisationRegistryException.KIND_MISMATCH);
        assertThat(rows("id_client")).isZero();
        assertThat(rows("id_client_key")).isZero();
    }

    @Test
    void organisationKind_fits_onlyTheDocumentedClientKinds() {
        assertThat(OrganisationKind.PAYMENT_PROVIDER.fits(PrincipalKind.SOURCE_FEED)).isTrue();
        assertThat(OrganisationKind.CARE_PROVIDER.fits(PrincipalKind.SOURCE_FEED)).isTrue();
        assertThat(OrganisationKind.HOSPITAL.fits(PrincipalKind.CLINIC_EMR)).isTrue();
        assertThat(OrganisationKind.PAYMENT_PROVIDER.fits(PrincipalKind.CLINIC_EMR)).isFalse();
        assertThat(OrganisationKind.WELLNESS_SERVICE.fits(PrincipalKind.WELLNESS_SERVICE)).isTrue();
        assertThat(OrganisationKind.HOSPITAL.fits(PrincipalKind.WELLNESS_SERVICE)).isFalse();
        assertThat(OrganisationKind.HOSPITAL.fits(PrincipalKind.RESIDENT)).isFalse();
        assertThat(OrganisationKind.AUDIT_BODY.fits(PrincipalKind.AUDIT_SYSTEM)).isTrue();
        assertThat(OrganisationKind.CLINIC.fits(PrincipalKind.AUDIT_SYSTEM)).isFalse();
        assertThat(OrganisationKind.AUDIT_BODY.fits(PrincipalKind.SOURCE_FEED)).isFalse();
        assertThat(OrganisationKind.AUDIT_BODY.fits(PrincipalKind.CLINIC_EMR)).isFalse();
    }

    @Test
    void registerClient_anAuditSystemOfAnAuditBody_isStoredAndFound_afterV20_11() {
        registry.registerOrganisation(organisation("city-audit", OrganisationKind.AUDIT_BODY));
        Set<SmartScope> auditEvents = Set.of(SmartScope.parse("system/AuditEvent.rs"));

        registry.registerClient(new ClientRegistration(new ClientId("city-audit-sys"), new OrganisationId("city-audit"),
                PrincipalKind.AUDIT_SYSTEM, auditEvents, Keys.publicJwks(Keys.rsa())));

        assertThat(registry.findOrganisation(new OrganisationId("city-audit")).orElseThrow().kind())
                .isEqualTo(OrganisationKind.AUDIT_BODY);
        Client client = registry.findClient(new ClientId("city-audit-sys")).orElseThrow();
        assertThat(client.kind()).isEqualTo(PrincipalKind.AUDIT_SYSTEM);
        assertThat(client.allowedScopes()).isEqualTo(auditEvents);
    }

    @Test
    void registerClient_auditEventScopesOnlyForAuditSystems_andNothingElseForThem_refusesAndStoresNothing() {
        registry.registerOrganisation(organisation("city-audit", OrganisationKind.AUDIT_BODY));
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        String jwks = Keys.publicJwks(Keys.rsa());

        assertCode(() -> registry.registerClient(new ClientRegistration(new ClientId("a-emr"),
                new OrganisationId("kaga-clinic"), PrincipalKind.CLINIC_EMR,
                Set.of(SmartScope.parse("system/AuditEvent.rs")), jwks)), OrganisationRegistryException.SCOPE_MISMATCH);
        for (String scope : List.of("system/Observation.rs", "system/*.rs", "system/AuditEvent.cruds")) {
            assertCode(() -> registry.registerClient(new ClientRegistration(new ClientId("a-audit"),
                    new OrganisationId("city-audit"), PrincipalKind.AUDIT_SYSTEM, Set.of(SmartScope.parse(scope)), jwks)),
                    OrganisationRegistryException.SCOPE_MISMATCH);
        }
        assertCode(() -> registry.registerClient(clientFor("a-feed", "city-audit", PrincipalKind.SOURCE_FEED, jwks)),
                OrganisationRegistryException.KIND_MISMATCH);
        assertCode(() -> registry.registerClient(new ClientRegistration(new ClientId("b-audit"),
                new OrganisationId("kaga-clinic"), PrincipalKind.AUDIT_SYSTEM,
                Set.of(SmartScope.parse("system/AuditEvent.rs")), jwks)), OrganisationRegistryException.KIND_MISMATCH);
        assertThat(rows("id_client")).isZero();
    }

    @Test
    void kindColumns_afterV20_11_refuseAKindTheBankDoesNotKnow() {
        registry.registerOrganisation(organisation("city-audit", OrganisationKind.AUDIT_BODY));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        assertThatThrownBy(() -> jdbc.update("INSERT INTO id_organisation (organisation_id, kind, display_name,"
                + " registered_at) VALUES ('x-org', 'PHARMACY', 'X', CURRENT_TIMESTAMP)"))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO id_client (client_id, organisation_id, kind, status,"
                + " registered_at) VALUES ('x-client', 'city-audit', 'AUDITOR', 'ACTIVE', CURRENT_TIMESTAMP)"))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO id_client (client_id, organisation_id, status,"
                + " registered_at) VALUES ('y-client', 'city-audit', 'ACTIVE', CURRENT_TIMESTAMP)"))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    @Test
    void registerClient_withPrivateJwk_isRefusedWithoutEchoingTheKey() {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        RSAKey leaked = Keys.rsa("leaked");
        String jwks = new JWKSet(leaked).toString(false);
        assertThat(jwks).contains("\"d\"");

        assertThatThrownBy(() -> registry.registerClient(clientFor("kaga-emr", "kaga-clinic", PrincipalKind.CLINIC_EMR, jwks)))
                .hasMessageStartingWith(OrganisationRegistryException.PRIVATE_KEY.code())
                .hasMessageNotContaining(leaked.getPrivateExponent().toString())
                .hasMessageNotContaining(leaked.getModulus().toString())
                .hasMessageNotContaining("leaked");
        assertThat(rows("id_client")).isZero();
    }

    @Test
    void registerClient_withPrivateMemberOnAnOtherwisePublicKey_isRefused() {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        RSAKey key = Keys.rsa("k1");
        String jwks = "{\"keys\":[" + key.toJSONString() + "]}";   // toJSONString keeps d, p, q, ...

        assertCode(() -> registry.registerClient(clientFor("kaga-emr", "kaga-clinic", PrincipalKind.CLINIC_EMR, jwks)),
                OrganisationRegistryException.PRIVATE_KEY);
    }

    @Test
    void registerClient_withSymmetricKey_isRefused() throws Exception {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hs").generate();

        assertThatThrownBy(() -> registry.registerClient(clientFor("kaga-emr", "kaga-clinic", PrincipalKind.CLINIC_EMR,
                "{\"keys\":[" + secret.toJSONString() + "]}")))
                .isInstanceOf(OrganisationRegistryException.class)
                .hasMessageNotContaining(secret.getKeyValue().toString());
    }

    @Test
    void registerClient_withP256OrWeakRsaKey_isRefusedAsUnsupported() throws Exception {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        RSAKey weak = new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic()).keyID("weak").build();

        assertCode(() -> registry.registerClient(clientFor("c-one", "kaga-clinic", PrincipalKind.CLINIC_EMR,
                Keys.publicJwks(Keys.ec(Curve.P_256, "p256")))), OrganisationRegistryException.UNSUPPORTED_KEY);
        assertCode(() -> registry.registerClient(clientFor("c-two", "kaga-clinic", PrincipalKind.CLINIC_EMR,
                Keys.publicJwks(weak))), OrganisationRegistryException.UNSUPPORTED_KEY);
    }

    @Test
    void registerClient_withKeyMeantForAnotherAlgorithmOrUse_isRefused() throws Exception {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        RSAKey rs256 = new RSAKey.Builder(Keys.rsa("k").toRSAPublicKey()).keyID("k")
                .algorithm(com.nimbusds.jose.JWSAlgorithm.RS256).build();
        RSAKey encryption = new RSAKey.Builder(Keys.rsa("e").toRSAPublicKey()).keyID("e")
                .keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).build();

        assertCode(() -> registry.registerClient(clientFor("c-one", "kaga-clinic", PrincipalKind.CLINIC_EMR,
                Keys.publicJwks(rs256))), OrganisationRegistryException.UNSUPPORTED_KEY);
        assertCode(() -> registry.registerClient(clientFor("c-two", "kaga-clinic", PrincipalKind.CLINIC_EMR,
                Keys.publicJwks(encryption))), OrganisationRegistryException.UNSUPPORTED_KEY);
    }

    @Test
    void registerClient_withoutKidOrWithRepeatedKid_isRefused() throws Exception {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        RSAKey noKid = new RSAKey.Builder(Keys.rsa().toRSAPublicKey()).build();

        assertCode(() -> registry.registerClient(clientFor("c-one", "kaga-clinic", PrincipalKind.CLINIC_EMR,
                Keys.publicJwks(noKid))), OrganisationRegistryException.BAD_KEY_ID);
        assertCode(() -> registry.registerClient(clientFor("c-two", "kaga-clinic", PrincipalKind.CLINIC_EMR,
                Keys.publicJwks(Keys.rsa("same"), Keys.ec(Curve.P_384, "same")))), OrganisationRegistryException.BAD_KEY_ID);
        assertThat(rows("id_client")).isZero();
    }

    @Test
    void registerClient_withMalformedOrEmptyJwks_isRefusedWithoutEcho() {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));

        for (String jwks : List.of("not json at all: secret-text", "{\"keys\":[]}", "{\"keys\":[{\"kty\":\"RSA\"}]}", " ")) {
            assertThatThrownBy(() -> registry.registerClient(clientFor("kaga-emr", "kaga-clinic", PrincipalKind.CLINIC_EMR,
                    jwks))).hasMessageStartingWith(OrganisationRegistryException.MALFORMED_JWKS.code())
                    .hasMessageNotContaining("secret-text");
        }
    }

    @Test
    void registerClient_forUnknownOrganisationOrWithoutScopes_isRefused() {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        String jwks = Keys.publicJwks(Keys.rsa());

        assertCode(() -> registry.registerClient(clientFor("kaga-emr", "nowhere", PrincipalKind.CLINIC_EMR, jwks)),
                OrganisationRegistryException.UNKNOWN_ORGANISATION);
        assertCode(() -> registry.registerClient(new ClientRegistration(new ClientId("kaga-emr"),
                        new OrganisationId("kaga-clinic"), PrincipalKind.CLINIC_EMR, Set.of(), jwks)),
                OrganisationRegistryException.NO_SCOPES);
    }

    @Test
    void registerClient_twice_isRefusedAndKeepsTheFirstKeys() {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        registry.registerClient(clientFor("kaga-emr", "kaga-clinic", PrincipalKind.CLINIC_EMR, Keys.publicJwks(Keys.rsa("first"))));

        assertCode(() -> registry.registerClient(clientFor("kaga-emr", "kaga-clinic", PrincipalKind.CLINIC_EMR,
                Keys.publicJwks(Keys.rsa("second")))), OrganisationRegistryException.CLIENT_EXISTS);
        assertThat(registry.findClient(new ClientId("kaga-emr")).orElseThrow().keys()).extracting(k -> k.keyId())
                .containsExactly("first");
    }

    @Test
    void setClientStatus_inactive_isFoundInactive_andUnknownClientIsRefused() {
        registry.registerOrganisation(organisation("kaga-clinic", OrganisationKind.CLINIC, "treatment"));
        registry.registerClient(clientFor("kaga-emr", "kaga-clinic", PrincipalKind.CLINIC_EMR, Keys.publicJwks(Keys.rsa())));

        registry.setClientStatus(new ClientId("kaga-emr"), ClientStatus.INACTIVE);

        assertThat(registry.findClient(new ClientId("kaga-emr")).orElseThrow().status()).isEqualTo(ClientStatus.INACTIVE);
        assertCode(() -> registry.setClientStatus(new ClientId("nobody"), ClientStatus.ACTIVE),
                OrganisationRegistryException.UNKNOWN_CLIENT);
    }

    @Test
    void clientRegistration_toString_leavesTheKeySetOut() {
        RSAKey key = Keys.rsa("k");
        ClientRegistration registration = clientFor("kaga-emr", "kaga-clinic", PrincipalKind.CLINIC_EMR,
                new JWKSet(key).toString(false));

        assertThat(registration.toString()).contains("kaga-emr").doesNotContain(key.getModulus().toString())
                .doesNotContain(key.getPrivateExponent().toString());
    }
}
