package org.azukari.server.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
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
import org.azukari.server.AzukariApplication;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code infra/bench ingest-vs-hapi}: the same Synthea transaction bundles, the same HTTP client
 * and the same number of clients against a plain HAPI FHIR JPA server and against the bank, both
 * on the shared PostgreSQL (a schema each); interleaved rounds A (HAPI), B (bank), A, B, each on
 * its own slice of the population. Prints resources/s per round and overall, and the ratio.
 *
 * <p>The bank runs in this JVM as production runs it (OpenBao through the AppRole, the access log
 * indexed into Elasticsearch, the default lenient validation); HAPI runs as its own process from
 * the classpath in {@code AZUKARI_BENCH_HAPI_CLASSPATH}. With {@code AZUKARI_BENCH_JFR} set to a
 * file, the bank's rounds are recorded with JFR's {@code profile} settings into it.
 *
 * <p>Arguments: the Synthea {@code fhir/} directory, the clients (default 4), the rounds per
 * server (default 2).
 */
public final class IngestVsHapiBenchmark {

    private static final String SYNTHEA_MRN = "http://hospital.smarthealthit.org";
    private static final Pattern MRN = Pattern.compile(
            "\"system\"\\s*:\\s*\"http://hospital\\.smarthealthit\\.org\"\\s*,\\s*\"value\"\\s*:\\s*\"([^\"]+)\"");

    private IngestVsHapiBenchmark() {
    }

    /** One server's answer to a push: what it took in, and how long the push took. */
    record Rate(int resources, int bundles, double seconds) {
        double perSecond() {
            return resources / seconds;
        }

        Rate plus(Rate other) {
            return new Rate(resources + other.resources, bundles + other.bundles, seconds + other.seconds);
        }
    }

    /** Where bundles go: a FHIR base URL and, for the bank, a bearer token. */
    interface Target {
        String post(HttpClient http, Path bundle) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path synthea = Path.of(args[0]);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<Path> files;
        try (Stream<Path> listed = Files.list(synthea)) {
            files = listed.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<Path> shared = files.stream().filter(p -> p.getFileName().toString()
                .matches("(hospital|practitioner)Information.*")).toList();
        List<Path> patients = files.stream().filter(p -> !shared.contains(p)).toList();
        if (patients.size() < rounds) {
            throw new IllegalArgumentException(patients.size() + " patients cannot make " + rounds + " rounds");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Path dataDir = Files.createTempDirectory("azukari-ingest-vs-hapi");
        String indexPrefix = "bench-ingest-vs-hapi-" + System.nanoTime();
        try {
            compare(clients, rounds, shared, patients, http, dataDir, indexPrefix);
        } finally {
            deleteIndices(http, indexPrefix);
        }
    }

    private static void compare(int clients, int rounds, List<Path> shared, List<Path> patients,
                                HttpClient http, Path dataDir, String indexPrefix) throws Exception {
        try (PlainHapi hapi = PlainHapi.start(); PostgresDatabase database = new PostgresDatabase();
             ConfigurableApplicationContext bank = new SpringApplicationBuilder(AzukariApplication.class)
                     .run(asArguments(bankProperties(database, dataDir, indexPrefix)))) {
            Target plain = (client, bundle) -> send(client, HttpRequest.newBuilder(URI.create(hapi.baseUrl())), bundle);
            Target azukari = bankTarget(bank, http, patients);
            org.springframework.core.env.Environment settings = bank.getEnvironment();
            System.out.printf("Azukari on %s, key vault %s (%s), access log into %s; plain HAPI at %s%n",
                    settings.getProperty("spring.datasource.url"),
                    settings.getProperty("azukari.trust-bank.key-vault.kind"),
                    settings.getProperty("azukari.trust-bank.key-vault.vault.auth"),
                    settings.getProperty("azukari.access-log.elasticsearch.url"), hapi.baseUrl());
            for (Path file : shared) {
                plain.post(http, file);
                azukari.post(http, file);
            }
            System.out.printf("ingest-vs-hapi: %d patient bundles in %d rounds per server, %d clients, %d cores%n",
                    patients.size(), rounds, clients, Runtime.getRuntime().availableProcessors());
            Rate hapiTotal = new Rate(0, 0, 0);
            Rate bankTotal = new Rate(0, 0, 0);
            Recording recording = profile();
            for (int round = 0; round < rounds; round++) {
                List<Path> slice = patients.subList(round * patients.size() / rounds,
                        (round + 1) * patients.size() / rounds);
                Rate a = push(http, plain, slice, clients);
                if (recording != null && round == 0) {
                    recording.start();
                }
                Rate b = push(http, azukari, slice, clients);
                System.out.printf("  round %d: plain HAPI JPA %.0f resources/s (%d in %.1f s), Azukari %.0f resources/s"
                                + " (%d in %.1f s)%n", round + 1, a.perSecond(), a.resources(), a.seconds(),
                        b.perSecond(), b.resources(), b.seconds());
                hapiTotal = hapiTotal.plus(a);
                bankTotal = bankTotal.plus(b);
            }
            if (recording != null) {
                recording.stop();
                recording.dump(Path.of(System.getenv("AZUKARI_BENCH_JFR")));
                recording.close();
                System.out.println("  the bank's JFR recording: " + System.getenv("AZUKARI_BENCH_JFR"));
            }
            System.out.printf("plain HAPI FHIR JPA: %.0f resources/s%n", hapiTotal.perSecond());
            System.out.printf("Azukari: %.0f resources/s%n", bankTotal.perSecond());
            System.out.printf("ratio Azukari / plain HAPI: %.2f%n", bankTotal.perSecond() / hapiTotal.perSecond());
        }
    }

    private static Recording profile() throws Exception {
        String file = System.getenv("AZUKARI_BENCH_JFR");
        if (file == null || file.isBlank()) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName("azukari-ingest");
        return recording;
    }

    /** All the bundles of a round, from {@code clients} threads at once; the rate over the round's wall time. */
    private static Rate push(HttpClient http, Target target, List<Path> bundles, int clients) throws Exception {
        AtomicInteger resources = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Path file : bundles) {
                sent.add(pool.submit(() -> {
                    String answer = target.post(http, file);
                    resources.addAndGet(IngestBenchmark.count(answer, "201 Created")
                            + IngestBenchmark.count(answer, "200 OK"));
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Rate(resources.get(), bundles.size(), (System.nanoTime() - started) / 1e9);
    }

    private static String send(HttpClient http, HttpRequest.Builder request, Path file) throws Exception {
        HttpResponse<String> answer = http.send(request.header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(file.getFileName() + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(2000, answer.body().length())));
        }
        return answer.body();
    }

    /** The bank as a hospital's source feed sees it: the organisation, its feed client, the residents enrolled. */
    private static Target bankTarget(ConfigurableApplicationContext bank, HttpClient http, List<Path> patients)
            throws Exception {
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
        return (sender, bundle) -> send(sender, HttpRequest.newBuilder(URI.create(base + "/fhir"))
                .header("Authorization", "Bearer " + tokens.current()), bundle);
    }

    /** The bank's access-log indices, named one by one (Elasticsearch refuses a wildcard delete). */
    private static void deleteIndices(HttpClient http, String prefix) throws Exception {
        String es = IngestBenchmark.env("AZUKARI_IT_ES_URL");
        String names = http.send(HttpRequest.newBuilder(URI.create(es + "/_cat/indices/" + prefix + "*?h=index")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String index : names.split("\\s+")) {
            if (!index.isBlank()) {
                http.send(HttpRequest.newBuilder(URI.create(es + "/" + index)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    /**
     * Command-line arguments outrank application.properties; the builder's default properties do
     * not (with those, the bank would run on its H2 file and the local key vault).
     */
    private static String[] asArguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
    }

    /** The bank as production runs it: PostgreSQL, OpenBao through the AppRole, the access log into Elasticsearch. */
    private static Map<String, Object> bankProperties(PostgresDatabase database, Path dataDir, String indexPrefix) {
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
    }

    /** The plain HAPI FHIR JPA server as a process of its own (PlainHapiJpaServer in fhir-gateway's tests). */
    private static final class PlainHapi implements AutoCloseable {

        private final Process process;
        private final String baseUrl;

        private PlainHapi(Process process, String baseUrl) {
            this.process = process;
            this.baseUrl = baseUrl;
        }

        static PlainHapi start() throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx2g", "-cp", IngestBenchmark.env("AZUKARI_BENCH_HAPI_CLASSPATH"),
                    "org.azukari.fhir.bench.PlainHapiJpaServer").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "plain-hapi-stdout");
                    drain.setDaemon(true);
                    drain.start();
                    return new PlainHapi(process, line.substring("READY ".length()));
                }
            }
            process.destroy();
            throw new IllegalStateException("the plain HAPI FHIR JPA server exited while starting: " + process.waitFor());
        }

        String baseUrl() {
            return baseUrl;
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
