package org.azukari.server.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.ClientRegistration;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.identity.api.SmartScope;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The bank's side of {@link IngestVsHapiBenchmark}: how it is started, fed and cleaned up after. */
final class BenchBank {

    private static final String SYNTHEA_MRN = "http://hospital.smarthealthit.org";
    private static final Pattern MRN = Pattern.compile(
            "\"system\"\\s*:\\s*\"http://hospital\\.smarthealthit\\.org\"\\s*,\\s*\"value\"\\s*:\\s*\"([^\"]+)\"");

    private BenchBank() {
    }

    /** The bank as a hospital's source feed sees it: the organisation, its feed client, the residents enrolled. */
    static IngestVsHapiBenchmark.Target asSourceFeed(ConfigurableApplicationContext bank, HttpClient http,
                                                     List<Path> patients) throws Exception {
        OrganisationRegistry organisations = bank.getBean(OrganisationRegistry.class);
        PeopleRegistry people = bank.getBean(PeopleRegistry.class);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationId hospital = new OrganisationId("bench-" + suffix);
        organisations.registerOrganisation(new Organisation(hospital, OrganisationKind.HOSPITAL, "Bench General",
                Set.of(new Purpose("treatment"))));
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k1").algorithm(JWSAlgorithm.ES384).generate();
        ClientId client = new ClientId("benchfeed-" + suffix);
        organisations.registerClient(new ClientRegistration(client, hospital, PrincipalKind.SOURCE_FEED,
                Set.of(SmartScope.parse("system/*.cu")), new JWKSet(key.toPublicJWK()).toString()));
        int n = 0;
        for (Path file : patients) {
            Matcher mrn = MRN.matcher(Files.readString(file, StandardCharsets.UTF_8));
            if (!mrn.find()) {
                throw new IllegalStateException("no MRN in " + file);
            }
            ResidentId resident = people.registerResident(new AccountCredentials("bench-" + suffix + "-" + n++,
                    "a long benchmark password 1"), AssuranceLevel.HIGH, ProofingMethod.IN_PERSON_AT_CITY_OFFICE)
                    .resident().orElseThrow();
            people.linkEnrolment(new EnrolmentLink(resident, hospital, SYNTHEA_MRN, mrn.group(1)));
        }
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) bank).getWebServer().getPort();
        IngestBenchmark.Tokens tokens = new IngestBenchmark.Tokens(http, base, client, key);
        return (sender, bundle) -> IngestVsHapiBenchmark.send(sender, HttpRequest.newBuilder(URI.create(base + "/fhir"))
                .header("Authorization", "Bearer " + tokens.current()), bundle);
    }

    /** The bank's access-log indices, named one by one (Elasticsearch refuses a wildcard delete). */
    static void deleteIndices(HttpClient http, String prefix) throws Exception {
        String es = IngestBenchmark.env("AZUKARI_IT_ES_URL");
        URI listing = URI.create(es + "/_cat/indices/" + prefix + "*?h=index");
        String names = http.send(HttpRequest.newBuilder(listing).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String index : names.split("\\s+")) {
            if (!index.isBlank()) {
                http.send(HttpRequest.newBuilder(URI.create(es + "/" + index)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    /** The bank as production runs it: PostgreSQL, OpenBao through the AppRole, the access log into Elasticsearch. */
    static String[] arguments(PostgresDatabase database, Path dataDir, String indexPrefix) {
        return IngestBenchmark.asArguments(properties(database, dataDir, indexPrefix));
    }

    private static Map<String, Object> properties(PostgresDatabase database, Path dataDir, String indexPrefix) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("azukari.data-dir", dataDir.toString());
        properties.put("azukari.demo.enabled", "false");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        properties.put("azukari.trust-bank.key-vault.kind", "vault");
        properties.put("azukari.trust-bank.key-vault.vault.address", IngestBenchmark.env("AZUKARI_IT_VAULT_ADDR"));
        properties.put("azukari.trust-bank.key-vault.vault.auth", "approle");
        properties.put("azukari.trust-bank.key-vault.vault.approle.role-id",
                IngestBenchmark.env("AZUKARI_IT_VAULT_APPROLE_ROLE_ID"));
        properties.put("azukari.trust-bank.key-vault.vault.approle.secret-id",
                IngestBenchmark.env("AZUKARI_IT_VAULT_APPROLE_SECRET_ID"));
        properties.put("azukari.trust-bank.key-vault.vault.transit-mount", "transit");
        properties.put("azukari.access-log.elasticsearch.url", IngestBenchmark.env("AZUKARI_IT_ES_URL"));
        properties.put("azukari.access-log.elasticsearch.index-prefix", indexPrefix);
        return properties;
    }}
