package org.azukari.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.azukari.server.AzukariApplication;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

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
            BenchBank.deleteIndices(http, indexPrefix);
        }
    }

    private static void compare(int clients, int rounds, List<Path> shared, List<Path> patients,
                                HttpClient http, Path dataDir, String indexPrefix) throws Exception {
        CountedKeyVault vault = new CountedKeyVault();
        try (PlainHapi hapi = PlainHapi.start(); PostgresDatabase database = new PostgresDatabase();
             ConfigurableApplicationContext bank = new SpringApplicationBuilder(AzukariApplication.class)
                     .initializers(vault).run(admitting(clients, BenchBank.arguments(database, dataDir, indexPrefix)))) {
            Target plain = (client, bundle) -> send(client, HttpRequest.newBuilder(URI.create(hapi.baseUrl())), bundle);
            Target azukari = BenchBank.asSourceFeed(bank, http, patients);
            Environment settings = bank.getEnvironment();
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
            vault.reset();
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
            System.out.printf("key vault calls during the bank's rounds: %d, %.4f per resource%n", vault.calls(),
                    vault.calls() / (double) Math.max(1, bankTotal.resources()));
        }
    }

    /**
     * The bank's admission control lets two ingests per source in at once (FG-0221 beyond); plain
     * HAPI has no such limit, so the bank is set to admit every client, as an operator whose feed
     * pushes with that many connections would set it.
     */
    private static String[] admitting(int clients, String[] arguments) {
        String[] admitted = java.util.Arrays.copyOf(arguments, arguments.length + 2);
        admitted[arguments.length] = "--azukari.admission.ingest.per-source=" + clients;
        admitted[arguments.length + 1] = "--azukari.admission.ingest.global=" + Math.max(3, clients);
        return admitted;
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

    static String send(HttpClient http, HttpRequest.Builder request, Path file) throws Exception {
        HttpResponse<String> answer = http.send(request.header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(file.getFileName() + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(2000, answer.body().length())));
        }
        return answer.body();
    }

}
