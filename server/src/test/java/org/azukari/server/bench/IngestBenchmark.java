package org.azukari.server.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.ingest.IngestTimings;
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
import org.azukari.server.AzukariApplication;
import org.azukari.trustbank.api.SealingStatistics;
import org.azukari.trustbank.api.TrustBank;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code infra/bench ingest}: Synthea patient bundles pushed end to end over HTTP into the bank
 * on PostgreSQL and OpenBao, as a source feed would. Prints resources and bundles per second and
 * where the time went: parsing, validation, planning (matching and references), encryption,
 * storage, access log.
 *
 * <p>Arguments: the Synthea {@code fhir/} directory, the number of sending threads (default 2).
 */
public final class IngestBenchmark {

    private static final String SYNTHEA_MRN = "http://hospital.smarthealthit.org";
    private static final Pattern MRN = Pattern.compile(
            "\"system\"\\s*:\\s*\"http://hospital\\.smarthealthit\\.org\"\\s*,\\s*\"value\"\\s*:\\s*\"([^\"]+)\"");

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path synthea = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dataDir = Files.createTempDirectory("azukari-ingest-bench");
        Map<String, Object> properties = onPostgresAndOpenBao(dataDir);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AzukariApplication.class)
                .run(asArguments(properties))) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            run(context, synthea, threads, port);
        }
    }

    private static void run(ConfigurableApplicationContext context, Path synthea, int threads, int port) throws Exception {
        OrganisationRegistry organisations = context.getBean(OrganisationRegistry.class);
        PeopleRegistry people = context.getBean(PeopleRegistry.class);
        IngestTimings timings = context.getBean(IngestTimings.class);
        SealingStatistics sealing = (SealingStatistics) context.getBean(TrustBank.class);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationId hospital = new OrganisationId("bench-" + suffix);
        organisations.registerOrganisation(new Organisation(hospital, OrganisationKind.HOSPITAL, "Bench General",
                Set.of(new Purpose("treatment"))));
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k1").algorithm(JWSAlgorithm.ES384).generate();
        ClientId client = new ClientId("benchfeed-" + suffix);
        organisations.registerClient(new ClientRegistration(client, hospital, PrincipalKind.SOURCE_FEED,
                Set.of(SmartScope.parse("system/*.cu")), new JWKSet(key.toPublicJWK()).toString()));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        Tokens tokens = new Tokens(http, base, client, key);
        String token = tokens.current();

        List<Path> files;
        try (Stream<Path> listed = Files.list(synthea)) {
            files = listed.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<Path> shared = files.stream().filter(p -> p.getFileName().toString()
                .matches("(hospital|practitioner)Information.*")).sorted().toList();
        List<Path> patients = files.stream().filter(p -> !shared.contains(p)).toList();
        System.out.printf("enrolling %d residents...%n", patients.size());
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
        for (Path file : shared) {
            post(http, base, token, file);
        }
        timings.reset();
        long sealedBefore = sealing.sealingNanos();
        AtomicInteger resources = new AtomicInteger();
        AtomicInteger bundles = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> sent = new ArrayList<>();
        for (Path file : patients) {
            sent.add(pool.submit(() -> {
                String answer = post(http, base, tokens.current(), file);
                resources.addAndGet(count(answer, "201 Created") + count(answer, "200 OK"));
                bundles.incrementAndGet();
                return null;
            }));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<IngestTimings.Stage, Long> stages = timings.snapshotNanos();
        double encryption = (sealing.sealingNanos() - sealedBefore) / 1e9;
        double accessLog = stages.get(IngestTimings.Stage.ACCESS_LOG) / 1e9;
        double storage = stages.get(IngestTimings.Stage.STORAGE) / 1e9 - encryption - accessLog;
        double parsing = stages.get(IngestTimings.Stage.PARSING) / 1e9;
        double validation = stages.get(IngestTimings.Stage.VALIDATION) / 1e9;
        double planning = stages.get(IngestTimings.Stage.PLANNING) / 1e9;
        double measured = parsing + validation + planning + encryption + storage + accessLog;
        System.out.printf("ingest: %d bundles, %d resources, %d threads, %.1f s wall%n", bundles.get(), resources.get(),
                threads, seconds);
        System.out.printf("  %.0f resources/s, %.2f bundles/s end to end%n", resources.get() / seconds,
                bundles.get() / seconds);
        System.out.printf("  share of server time: parsing %.0f%%, validation %.0f%%, planning %.0f%%, encryption %.0f%%,"
                        + " storage %.0f%%, access log %.0f%% (of %.1f s summed over threads)%n",
                100 * parsing / measured, 100 * validation / measured, 100 * planning / measured,
                100 * encryption / measured, 100 * storage / measured, 100 * accessLog / measured, measured);
    }

    /** Sends one bundle; a 429 (more senders than the source's admission limit) is sent again after its Retry-After. */
    static String post(HttpClient http, String base, String token, Path file) throws Exception {
        HttpResponse<String> answer = send(http, base, token, file);
        while (answer.statusCode() == 429) {
            Thread.sleep(1000L * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
            answer = send(http, base, token, file);
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(file.getFileName() + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(2000, answer.body().length())));
        }
        return answer.body();
    }

    private static HttpResponse<String> send(HttpClient http, String base, String token, Path file) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/fhir"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(HttpClient http, String base, ClientId client, ECKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(client.value())
                .subject(client.value()).audience("http://localhost:8080/oauth/token")
                .expirationTime(Date.from(Instant.now().plusSeconds(120))).jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(key));
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + jwt.serialize() + "&scope=" + URLEncoder.encode("system/*.cu", StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        if (!m.find()) {
            throw new IllegalStateException("no token: " + answer.statusCode());
        }
        return m.group(1);
    }

    /** Access tokens are short-lived; a long run asks for a fresh one every minute. */
    static final class Tokens {
        private final HttpClient http;
        private final String base;
        private final ClientId client;
        private final ECKey key;
        private String token;
        private long issuedAt;

        Tokens(HttpClient http, String base, ClientId client, ECKey key) {
            this.http = http;
            this.base = base;
            this.client = client;
            this.key = key;
        }

        synchronized String current() throws Exception {
            if (token == null || System.nanoTime() - issuedAt > 60_000_000_000L) {
                token = token(http, base, client, key);
                issuedAt = System.nanoTime();
            }
            return token;
        }
    }

    /** The application's properties for a benchmark: the services infra/bench started, logging at WARN. */
    /**
     * The settings as command-line arguments: {@code SpringApplicationBuilder.properties} only sets
     * defaults, which application.properties overrides (the benchmarks then ran on H2 and the local
     * key vault whatever they were given).
     */
    static String[] asArguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    static Map<String, Object> onPostgresAndOpenBao(Path dataDir) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "server.port", "0",
                "azukari.data-dir", dataDir.toString(),
                "azukari.demo.enabled", "false",
                "logging.level.root", "WARN",
                "spring.datasource.url", env("AZUKARI_IT_PG_URL"),
                "spring.datasource.username", env("AZUKARI_IT_PG_USER"),
                "spring.datasource.password", env("AZUKARI_IT_PG_PASSWORD"),
                "azukari.trust-bank.key-vault.kind", "vault",
                "azukari.trust-bank.key-vault.vault.address", env("AZUKARI_IT_VAULT_ADDR"),
                "azukari.trust-bank.key-vault.vault.token", env("AZUKARI_IT_VAULT_TOKEN")));
        properties.put("azukari.trust-bank.key-vault.vault.transit-mount", "transit");
        return properties;
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; run this through infra/bench ingest");
        }
        return value;
    }

    static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
