package org.azukari.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DatasetItem;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestStatus;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.server.testing.Assessed;
import org.azukari.server.testing.PagesWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator console's pages over HTTP with the real identity module: each page in English and
 * Japanese for operators only, and the dataset review form changing the request it names, with the
 * CSRF token and valid input only.
 */
class OperatorConsolePagesTest extends PagesWorld {

    /** Each console page and a heading it carries, in English and in Japanese. */
    static final Map<String, List<String>> PAGES = Map.of(
            "/operator", List.of("Operator console", "運営者コンソール"),
            "/operator/organisations", List.of("Purpose catalogue", "利用目的の一覧"),
            "/operator/people", List.of("Enrol a resident or an e-resident", "住民・電子住民を登録する"),
            "/operator/datasets", List.of("Dataset requests", "データセット申請"),
            "/operator/emergencies", List.of("Emergency accesses to review", "確認待ちの緊急アクセス"),
            "/operator/sources", List.of("Source pulls", "取得元"));

    @Autowired
    DatasetRequests datasets;

    @Autowired
    OrganisationRegistry registry;

    @Autowired
    PrivacyAssessments assessments;

    private String operator;

    @BeforeEach
    void signInAsOperator() throws Exception {
        operator = signInAs("operator");
    }

    /** A filed request the operator has already assessed (an approval needs it: CP-0410). */
    private DatasetRequest filed(String title) {
        DatasetRequest request = unassessed(title);
        Assessed.datasetRequest(assessments, request.id().value());
        return request;
    }

    private DatasetRequest unassessed(String title) {
        OrganisationId service = registerOrganisation("wellpg-" + UUID.randomUUID().toString().substring(0, 8),
                OrganisationKind.WELLNESS_SERVICE, "health-advice");
        return datasets.file(Recipient.organisation(service.value()), new DatasetSpec(title,
                new Purpose("health-advice"), Set.of(ConsentCategory.parse("MEDICAL/laboratory")),
                List.of(DatasetItem.parse("Observation|http://loinc.org|4548-4")), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), Duration.ofDays(30), Deidentification.defaults()),
                new AccessActor("WELLNESS_SERVICE", "app-" + service.value(), Optional.of(service.value()),
                        Optional.empty()));
    }

    private DatasetRequestStatus statusOf(DatasetRequest request) {
        return datasets.find(request.id()).orElseThrow().status();
    }

    private Page reviewForm(DatasetRequest request, String... pairs) throws Exception {
        return submit("/operator/datasets/" + request.id().value() + "/review", operator, pairs);
    }

    @Test
    void operator_seesEveryConsolePage_inEnglish() throws Exception {
        for (var page : PAGES.entrySet()) {
            Page answer = page(page.getKey(), operator, "Accept-Language: en");

            assertThat(answer.status()).as(page.getKey()).isEqualTo(200);
            assertThat(answer.body()).as(page.getKey()).contains(page.getValue().get(0)).contains("lang=\"en\"")
                    .containsOnlyOnce("<h1");
        }
    }

    @Test
    void operator_seesEveryConsolePage_inJapanese() throws Exception {
        for (var page : PAGES.entrySet()) {
            Page answer = page(page.getKey() + "?lang=ja", operator, "Accept-Language: en");

            assertThat(answer.status()).as(page.getKey()).isEqualTo(200);
            assertThat(answer.body()).as(page.getKey()).contains(page.getValue().get(1)).contains("lang=\"ja\"")
                    .containsOnlyOnce("<h1");
        }
    }

    @Test
    void resident_isRefusedEveryConsolePage() throws Exception {
        String resident = signInAs("resident-a");
        for (String path : PAGES.keySet()) {
            assertThat(page(path, resident).status()).as(path).isEqualTo(403);
        }
        assertThat(submit("/operator/organisations", resident, "_csrf", csrfFromPage(resident, "/portal"),
                "id", "res-" + suffix(), "kind", "CLINIC", "displayName", "x", "purpose", "treatment").status())
                .isEqualTo(403);
        assertThat(registry.findOrganisation(new OrganisationId("res-" + suffix()))).isEmpty();
    }

    @Test
    void signedOut_isSentToTheSignInPage_fromEveryConsolePage() throws Exception {
        for (String path : PAGES.keySet()) {
            Page answer = page(path, null);

            assertThat(answer.status()).as(path).isEqualTo(302);
            assertThat(answer.location()).as(path).contains("/signin");
        }
    }

    @Test
    void operator_approvesADatasetRequest_fromItsPage_andItsStatusIsApproved() throws Exception {
        DatasetRequest request = filed("Steps and HbA1c " + suffix());
        String path = "/operator/datasets/" + request.id().value();
        assertThat(page("/operator/datasets", operator, "Accept-Language: en").body()).contains(path);
        Page detail = page(path, operator, "Accept-Language: en");
        assertThat(detail.body()).contains("Waiting for review").contains("<legend>Outcome</legend>")
                .contains("for=\"rationale\"").contains("for=\"ask-residents\"");

        Page answer = reviewForm(request, "_csrf", csrfFromPage(operator, path), "outcome", "APPROVE",
                "rationale", "Proportionate to health advice", "conditions", "No linkage");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).endsWith(path);
        assertThat(statusOf(request)).isEqualTo(DatasetRequestStatus.APPROVED);
        assertThat(datasets.find(request.id()).orElseThrow().review().orElseThrow().reviewer())
                .isEqualTo(accountOf("operator"));
        Page after = page(path, operator, "Accept-Language: en");
        assertThat(after.body()).contains("The request is approved.").contains("data-status=\"APPROVED\"")
                .contains("Proportionate to health advice").doesNotContain("name=\"outcome\"");
        assertThat(page(path, operator, "Accept-Language: en").body()).doesNotContain("The request is approved.");
    }

    @Test
    void operator_approvesAndAsksResidents_andThePageSaysHowManyWereAsked() throws Exception {
        DatasetRequest request = filed("Ask residents " + suffix());
        String path = "/operator/datasets/" + request.id().value();

        Page answer = reviewForm(request, "_csrf", csrfFromPage(operator, path), "outcome", "APPROVE",
                "rationale", "Aggregates only", "askResidents", "true");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(statusOf(request)).isEqualTo(DatasetRequestStatus.APPROVED);
        assertThat(page(path + "?lang=ja", operator).body()).contains("人の住民に同意を依頼しました");
    }

    @Test
    void approvingWithoutAnAssessment_isTheConflictPage_untilTheOperatorRecordsOneOnThePage() throws Exception {
        DatasetRequest request = unassessed("Unassessed " + suffix());
        String path = "/operator/datasets/" + request.id().value();
        String csrf = csrfFromPage(operator, path);
        assertThat(page(path + "?lang=en", operator).body()).contains("id=\"no-assessment\"")
                .contains("An approval needs an assessment of this request.");

        Page refused = reviewForm(request, "_csrf", csrf, "outcome", "APPROVE", "rationale", "Fine");
        Page recorded = submit(path + "/assessments", operator, "_csrf", csrf, "piaPurpose", "Health advice",
                "piaDataItem", "MEDICAL/laboratory", "piaRecipients", "Advisers", "piaRetention", "Two years",
                "piaRisks", "Re-identification", "piaMitigations", "k of at least 10", "piaContactName", "DPO",
                "piaContactReach", "dpo@well.example");
        Page approved = reviewForm(request, "_csrf", csrf, "outcome", "APPROVE", "rationale", "Fine");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("CP-0410");
        assertThat(recorded.status()).isEqualTo(302);
        assertThat(approved.status()).isEqualTo(302);
        assertThat(statusOf(request)).isEqualTo(DatasetRequestStatus.APPROVED);
        assertThat(page(path + "?lang=en", operator).body()).contains("Version 1, recorded")
                .contains("dpo@well.example");
    }

    @Test
    void withoutTheCsrfToken_theReviewIsRefused_andTheRequestStaysSubmitted() throws Exception {
        DatasetRequest request = filed("No token " + suffix());

        Page without = reviewForm(request, "outcome", "APPROVE", "rationale", "Looks fine");
        Page forged = reviewForm(request, "_csrf", "forged-token", "outcome", "APPROVE", "rationale", "Looks fine");

        assertThat(without.status()).isEqualTo(403);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(statusOf(request)).isEqualTo(DatasetRequestStatus.SUBMITTED);
    }

    @Test
    void badReviewInput_answersTheBadInputPage_andChangesNothing() throws Exception {
        DatasetRequest request = filed("Bad input " + suffix());
        String csrf = csrfFromPage(operator, "/operator/datasets/" + request.id().value());

        List<Page> answers = List.of(
                reviewForm(request, "_csrf", csrf, "outcome", "APPROVE"),
                reviewForm(request, "_csrf", csrf, "outcome", "APPROVE", "rationale", "   "),
                reviewForm(request, "_csrf", csrf, "outcome", "MAYBE<script>", "rationale", "Fine"),
                reviewForm(request, "_csrf", csrf, "rationale", "Fine"),
                reviewForm(request, "_csrf", csrf, "outcome", "REJECT", "rationale", "No", "askResidents", "true"),
                reviewForm(request, "_csrf", csrf, "outcome", "APPROVE", "rationale", "x".repeat(5000)));

        for (Page answer : answers) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("id=\"error-code\"").doesNotContain("MAYBE<script>")
                    .doesNotContain("Exception");
        }
        assertThat(statusOf(request)).isEqualTo(DatasetRequestStatus.SUBMITTED);
        assertThat(datasets.history(request.id())).hasSize(1);
    }

    @Test
    void aSecondReview_isAConflictPage_andAnUnknownRequestIsNotFound() throws Exception {
        DatasetRequest request = filed("Twice " + suffix());
        String csrf = csrfFromPage(operator, "/operator");
        assertThat(reviewForm(request, "_csrf", csrf, "outcome", "REJECT", "rationale", "Too broad").status())
                .isEqualTo(302);

        Page again = reviewForm(request, "_csrf", csrf, "outcome", "APPROVE", "rationale", "Changed my mind");

        assertThat(again.status()).isEqualTo(409);
        assertThat(statusOf(request)).isEqualTo(DatasetRequestStatus.REJECTED);
        assertThat(page("/operator/datasets/ds-doesnotexist", operator).status()).isEqualTo(404);
        assertThat(page("/operator/datasets/not%20an%20id", operator).status()).isIn(400, 404);
    }

    @Test
    void consoleHome_countsADatasetRequestWaitingForReview_andStopsCountingItOnceReviewed() throws Exception {
        int before = waitingOnHome();
        DatasetRequest request = filed("Counted " + suffix());
        int withIt = waitingOnHome();
        reviewForm(request, "_csrf", csrfFromPage(operator, "/operator"), "outcome", "REJECT", "rationale", "No");

        assertThat(withIt).isEqualTo(before + 1);
        assertThat(waitingOnHome()).isEqualTo(before);
    }

    private int waitingOnHome() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"datasets-waiting\">(\\d+)<")
                .matcher(page("/operator", operator).body());
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
