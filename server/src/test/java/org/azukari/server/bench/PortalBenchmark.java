package org.azukari.server.bench;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.server.AzukariApplication;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.TrustBank;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code infra/bench portal [records]}: how long the resident's pages take for a resident with
 * many records (default 5,000), in the bank on PostgreSQL and OpenBao, over HTTP on loopback with a
 * signed-in session: each page requested 5 times to warm up, then 20 times; prints the median, the
 * 95th percentile and the maximum per page. The records are spread over ten years: HbA1c, blood
 * pressure and weight series, conditions, prescriptions, visits and claims.
 */
public final class PortalBenchmark {

    private static final int WARM_UP = 5;
    private static final int RUNS = 20;
    private static final String PASSWORD = "bench pass phrase 2026 portal";

    private PortalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dataDir = Files.createTempDirectory("azukari-portal-bench");
        Map<String, Object> properties = IngestBenchmark.onPostgresAndOpenBao(dataDir);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AzukariApplication.class)
                .run(IngestBenchmark.asArguments(properties))) {
            run(context, records);
        }
    }

    private static void run(ConfigurableApplicationContext context, int count) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationRegistry organisations = context.getBean(OrganisationRegistry.class);
        OrganisationId hospital = new OrganisationId("benchhosp-" + suffix);
        organisations.registerOrganisation(new Organisation(hospital, OrganisationKind.HOSPITAL, "Bench General",
                Set.of(new Purpose("treatment"))));
        String username = "bench-" + suffix;
        ResidentId resident = context.getBean(PeopleRegistry.class).registerResident(
                new AccountCredentials(username, PASSWORD), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE).resident().orElseThrow();
        TrustBank bank = context.getBean(TrustBank.class);
        bank.enrol(resident);
        System.out.printf("storing %d records for one resident...%n", count);
        long setup = System.nanoTime();
        List<RecordToStore> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(record(i, hospital.value()));
            if (batch.size() == 500) {
                bank.storeAll(resident, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            bank.storeAll(resident, batch);
        }
        Consents consents = context.getBean(Consents.class);
        AccessActor self = new AccessActor(AccessActor.Kind.RESIDENT, "bench", Optional.empty(), Optional.empty());
        for (int i = 0; i < 5; i++) {
            consents.grant(resident, new ConsentTerms(Recipient.organisation(hospital.value()), new Purpose("treatment"),
                    Set.of(ConsentCategory.all(DataCategory.MEDICAL)), ConsentPeriod.from(Instant.now().minusSeconds(60))),
                    ConsentEvidence.shown("『診療』を目的として、『医療データ』を提供してよいですか？", "ja", "consent-question-1",
                            Instant.now(), "portal"), self);
        }
        System.out.printf("  set up in %.1f s%n", (System.nanoTime() - setup) / 1e9);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        Session session = signIn(http, base, username);
        String someRecord = firstRecordLink(http, base, session);
        Map<String, HttpRequest> pages = new LinkedHashMap<>();
        for (String path : List.of("/portal", "/portal/records", "/portal/records?category=MEDICAL&page=20",
                someRecord, "/portal/charts", "/portal/consents", "/portal/activity", "/portal/sharing",
                "/portal/my-data", "/portal/activity.csv", "/portal/my-data/records.json")) {
            pages.put("GET " + path, get(base + path, session).build());
        }
        pages.put("POST /portal/records (search)", HttpRequest.newBuilder(URI.create(base + "/portal/records"))
                .header("Cookie", session.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=metformin&_csrf="
                        + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8))).build());
        System.out.printf("%-45s %8s %8s %8s %10s%n", "page (resident with " + count + " records)", "median",
                "p95", "max", "bytes");
        for (Map.Entry<String, HttpRequest> page : pages.entrySet()) {
            int bytes = 0;
            for (int i = 0; i < WARM_UP; i++) {
                bytes = send(http, page.getValue()).length();
            }
            double[] millis = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                send(http, page.getValue());
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf("%-45s %6.0f ms %5.0f ms %5.0f ms %10d%n", page.getKey(), millis[RUNS / 2],
                    millis[(int) Math.ceil(RUNS * 0.95) - 1], millis[RUNS - 1], bytes);
        }
    }

    private record Session(String cookie, String csrf) {
    }

    private static Session signIn(HttpClient http, String base, String username) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/signin")).build(),
                HttpResponse.BodyHandlers.ofString());
        String visitor = cookie(form);
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&code=&_csrf="
                + URLEncoder.encode(csrf(form.body()), StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/signin"))
                .header("Cookie", visitor).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 302) {
            throw new IllegalStateException("sign-in refused: " + answer.statusCode());
        }
        String session = cookie(answer);
        return new Session(session, csrf(send(http, get(base + "/portal", new Session(session, "")).build())));
    }

    private static String firstRecordLink(HttpClient http, String base, Session session) throws Exception {
        Matcher link = Pattern.compile("href=\"(/portal/records/[A-Za-z0-9.\\-]+)\"")
                .matcher(send(http, get(base + "/portal/records", session).build()));
        if (!link.find()) {
            throw new IllegalStateException("no record on the timeline");
        }
        return link.group(1);
    }

    private static HttpRequest.Builder get(String url, Session session) {
        return HttpRequest.newBuilder(URI.create(url)).header("Cookie", session.cookie())
                .header("Accept-Language", "ja");
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri().getPath() + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String cookie(HttpResponse<?> response) {
        // signing in stops the old session (a "deleteMe" cookie) and starts a new one
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("azukari-session="))
                .map(c -> c.substring(0, c.indexOf(';'))).filter(c -> !c.endsWith("=deleteMe"))
                .reduce((first, last) -> last).orElseThrow(() -> new IllegalStateException("no session cookie"));
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return m.group(1);
    }

    /** Record {@code i} of ten years of care: mostly measurements, some diagnoses, prescriptions, visits, claims. */
    static RecordToStore record(int i, String source) {
        String id = RecordId.random().value();
        String day = String.format("%04d-%02d-%02d", 2016 + (i / 500) % 10, 1 + (i / 40) % 12, 1 + i % 28);
        String meta = "\"meta\":{\"source\":\"urn:azukari:source:" + source + "#X/" + i + "\"},";
        String json;
        String type;
        DataCategory category = DataCategory.MEDICAL;
        switch (i % 10) {
            case 0, 1, 2 -> {
                type = "Observation";
                json = observation(id, meta, day, "4548-4", "HbA1c", "\"valueQuantity\":{\"value\":"
                        + (5.4 + (i % 25) / 10.0) + ",\"unit\":\"%\"},\"referenceRange\":[{\"low\":{\"value\":4.6},"
                        + "\"high\":{\"value\":6.2,\"unit\":\"%\"}}]");
            }
            case 3, 4 -> {
                type = "Observation";
                json = observation(id, meta, day, "85354-9", "Blood pressure", "\"component\":[{\"code\":{\"text\":"
                        + "\"Systolic\"},\"valueQuantity\":{\"value\":" + (115 + i % 30) + ",\"unit\":\"mmHg\"}},"
                        + "{\"code\":{\"text\":\"Diastolic\"},\"valueQuantity\":{\"value\":" + (70 + i % 20)
                        + ",\"unit\":\"mmHg\"}}]");
            }
            case 5 -> {
                type = "Observation";
                json = observation(id, meta, day, "29463-7", "Body weight", "\"valueQuantity\":{\"value\":"
                        + (58 + i % 9) + ",\"unit\":\"kg\"}");
            }
            case 6 -> {
                type = "Condition";
                json = "{\"resourceType\":\"Condition\",\"id\":\"" + id + "\"," + meta + "\"code\":{\"coding\":[{"
                        + "\"system\":\"http://snomed.info/sct\",\"code\":\"44054006\",\"display\":\"Type 2 diabetes "
                        + "mellitus\"}]},\"onsetDateTime\":\"" + day + "\"}";
            }
            case 7 -> {
                type = "MedicationRequest";
                json = "{\"resourceType\":\"MedicationRequest\",\"id\":\"" + id + "\"," + meta + "\"status\":\"active\","
                        + "\"intent\":\"order\",\"medicationCodeableConcept\":{\"text\":\"Metformin 500 mg\"},"
                        + "\"authoredOn\":\"" + day + "\",\"dosageInstruction\":[{\"text\":\"twice a day\"}]}";
            }
            case 8 -> {
                type = "Encounter";
                json = "{\"resourceType\":\"Encounter\",\"id\":\"" + id + "\"," + meta + "\"status\":\"finished\","
                        + "\"class\":{\"code\":\"AMB\",\"display\":\"ambulatory\"},\"period\":{\"start\":\"" + day + "\"}}";
            }
            default -> {
                type = "Claim";
                category = DataCategory.PAYMENT;
                json = "{\"resourceType\":\"Claim\",\"id\":\"" + id + "\"," + meta + "\"status\":\"active\","
                        + "\"type\":{\"text\":\"Outpatient\"},\"created\":\"" + day + "\",\"total\":{\"value\":"
                        + (1000 + i) + ",\"currency\":\"JPY\"}}";
            }
        }
        return new RecordToStore(new RecordId(id), new ResourceType(type), category, RecordContent.ofUtf8(json));
    }

    private static String observation(String id, String meta, String day, String loinc, String text, String value) {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\"," + meta + "\"status\":\"final\",\"code\":{"
                + "\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\"}],\"text\":\"" + text
                + "\"},\"effectiveDateTime\":\"" + day + "\"," + value + "}";
    }
}
