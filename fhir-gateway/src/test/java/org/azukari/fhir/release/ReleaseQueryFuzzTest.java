package org.azukari.fhir.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the release's search parameters (docs/fhir-release.md, "Reads and searches"):
 * {@code GET /fhir/{type}?...} and {@code Patient/{id}/$everything} parameters, parsed and then run
 * against one resident's released records on the embedded bank ({@link ReleaseWorld}).
 * Properties: a search is answered or refused with 400 (FG-0710) or 404 (FG-0704) — no other
 * exception, so never a 500; and what a page token carries (the canonical query) parses back to
 * the same query, through a real page token, so that the next page is the same search.
 */
class ReleaseQueryFuzzTest {

    private static final ReleaseWorld WORLD = world();
    private static final PageTokens PAGES = new PageTokens(ReleaseWorld.secrets(), Clock.systemUTC());
    private static final List<String> TYPES = List.of("Observation", "Condition", "MedicationRequest", "Encounter");
    private static final List<String> NAMES = List.of("patient", "subject", "_lastUpdated", "date", "category", "code",
            "_count", "_summary", "_include", "_revinclude", "_elements", "_has:Observation:subject:code",
            "_has:Observation:encounter:date", "_has:Condition:subject:category", "_format", "_sort");
    private static final List<String> EVERYTHING = List.of("_type", "_since", "_count", "_format", "_id");

    private static ReleaseWorld world() {
        try {
            return new ReleaseWorld(Files.createTempDirectory("release-query-fuzz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void search_anyParameters_isAnsweredOrRefusedWith4xx_andItsPageTokenGivesTheSameQuery(FuzzedDataProvider data) {
        boolean everything = data.consumeBoolean();
        String type = data.pickValue(TYPES);
        Map<String, String[]> parameters = parameters(data, everything ? EVERYTHING : NAMES, !everything);
        ReleaseCaller caller = WORLD.caller("fuzz");
        try {
            if (everything) {
                EverythingQuery query = EverythingQuery.parse(WORLD.pseudonym, parameters);
                nextPage(() -> assertThat(EverythingQuery.parseCanonical(WORLD.pseudonym, PAGES.open(caller,
                        EverythingQuery.SCOPE, PAGES.next(caller, EverythingQuery.SCOPE, query.canonical(), 7))
                        .canonical())).isEqualTo(query));
                assertThat(WORLD.release.everything(caller, query, 0, offset -> "next", "https://bank.example/fhir"))
                        .isNotNull();
            } else {
                ReleaseQuery query = ReleaseQuery.parse(type, parameters);
                nextPage(() -> {
                    PageTokens.Page page = PAGES.open(caller, type, PAGES.next(caller, query, 7));
                    assertThat(page.offset()).isEqualTo(7);
                    // the same query: the canonical form is sorted, so equal canonical forms are equal
                    // queries whatever the order of their OR lists (AssertJ's order-ignoring comparison
                    // fails on nested lists of lists: input has-categories-in-another-order)
                    ReleaseQuery next = ReleaseQuery.parseCanonical(type, page.canonical());
                    assertThat(page.canonical()).isEqualTo(query.canonical());
                    assertThat(next.canonical()).isEqualTo(query.canonical());
                    assertThat(next.type()).isEqualTo(query.type());
                    assertThat(next.patient()).isEqualTo(query.patient());
                });
                assertThat(WORLD.release.search(caller, query, 0, offset -> "next", "https://bank.example/fhir"))
                        .isNotNull();
            }
        } catch (ReleaseRefusedException refused) {
            assertThat(refused.status()).as(refused.getMessage()).isIn(400, 404);
            assertThat(refused.code()).isIn("FG-0710", "FG-0704");
        }
    }

    /** A query the release accepted must be accepted again from its page token: a refusal there is a failure. */
    private static void nextPage(Runnable roundTrip) {
        try {
            roundTrip.run();
        } catch (ReleaseRefusedException refused) {
            throw new AssertionError("the next page of an accepted search is refused: " + refused.getMessage());
        }
    }

    /** A few parameters, mostly of names the release knows, the patient mostly the world's pseudonym. */
    private static Map<String, String[]> parameters(FuzzedDataProvider data, List<String> names, boolean withPatient) {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        if (withPatient && data.consumeBoolean()) {
            parameters.put("patient", new String[] {data.consumeBoolean() ? WORLD.pseudonym.value()
                    : "Patient/" + WORLD.pseudonym.value()});
        }
        int count = data.consumeInt(0, 5);
        for (int i = 0; i < count; i++) {
            String name = data.consumeBoolean() ? data.pickValue(names) : data.consumeString(40);
            String[] values = new String[data.consumeInt(1, 3)];
            for (int v = 0; v < values.length; v++) {
                values[v] = data.consumeString(80);
            }
            parameters.put(name, values);
        }
        return parameters;
    }
}
