package org.azukari.server.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.Assessed;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * Dataset requests over HTTP with the real identity module: wellness services file and follow
 * their own, operators review them, approval asks residents, and everyone else is refused.
 */
public class DatasetRequestApiTest extends RealIdentityWorld {

    private static final Pattern ID = Pattern.compile("\"id\":\"(ds-[A-Za-z0-9-]+)\"");
    public static final String SPEC = "{\"title\":\"Steps, weight and HbA1c\",\"purpose\":\"health-advice\","
            + "\"categories\":[\"MEDICAL/laboratory\",\"PAYMENT\"],"
            + "\"items\":[\"Observation|http://loinc.org|4548-4\",\"Observation|http://loinc.org|29463-7\","
            + "\"ExplanationOfBenefit\"],\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\","
            + "\"refreshIntervalDays\":30,"
            + "\"deidentification\":{\"dates\":\"MONTH\",\"ageBandYears\":5,\"location\":\"PREFECTURE\",\"k\":10}}";

    @Autowired
    Consents consents;

    @Autowired
    PrivacyAssessments assessments;

    private OrganisationId service;
    private String token;
    private String operator;
    private String csrf;

    @BeforeEach
    void aFreshWellnessServiceAndAnOperator() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        service = organisation("wellds-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        token = accessToken(registerWellnessService("appds-" + suffix, service), "system/Group.r");
        operator = signIn("operator");
        csrf = csrfOf(operator, "/api/operator/whoami");
    }

    private RawHttp.Response asService(String token, String method, String path, String json) throws Exception {
        return json == null ? http.get(path, bearer(token))
                : http.send(method, path, "application/json", json, bearer(token));
    }

    private RawHttp.Response asOperator(String method, String path, String json) throws Exception {
        return json == null ? http.get(path, cookie(operator))
                : http.send(method, path, "application/json", json, cookie(operator), "X-CSRF-Token: " + csrf);
    }

    private String file() throws Exception {
        RawHttp.Response filed = asService(token, "POST", "/api/system/dataset-requests", SPEC);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        Matcher id = ID.matcher(filed.body());
        assertThat(id.find()).isTrue();
        Assessed.datasetRequest(assessments, id.group(1));
        return id.group(1);
    }

    private RawHttp.Response review(String id, String outcome, boolean askResidents) throws Exception {
        return asOperator("POST", "/api/operator/dataset-requests/" + id + "/review", "{\"outcome\":\"" + outcome
                + "\",\"rationale\":\"Proportionate to health advice; aggregates only\","
                + "\"conditions\":\"No linkage with other datasets\",\"askResidents\":" + askResidents + "}");
    }

    @Test
    void wellnessService_filesARequest_andSeesItSubmitted_withTheWholeSpec() throws Exception {
        String id = file();

        RawHttp.Response one = asService(token, "GET", "/api/system/dataset-requests/" + id, null);
        RawHttp.Response all = asService(token, "GET", "/api/system/dataset-requests", null);

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).contains("\"status\":\"SUBMITTED\"").contains("\"version\":1")
                .contains("\"purpose\":\"health-advice\"").contains("\"MEDICAL/laboratory\"")
                .contains("Observation|http://loinc.org|4548-4").contains("\"refreshIntervalDays\":30")
                .contains("\"dates\":\"MONTH\"").contains("\"k\":10").contains("\"recipient\":\"" + service + "\"");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains(id);
    }

    @Test
    void operatorApproves_withARationale_andTheServiceSeesApproved_butNotWhichOperator() throws Exception {
        String id = file();

        RawHttp.Response approved = review(id, "APPROVE", false);
        RawHttp.Response seen = asService(token, "GET", "/api/system/dataset-requests/" + id, null);
        RawHttp.Response detail = asOperator("GET", "/api/operator/dataset-requests/" + id, null);

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("\"status\":\"APPROVED\"").contains("\"version\":2");
        assertThat(seen.body()).contains("\"status\":\"APPROVED\"").contains("Proportionate to health advice")
                .contains("No linkage with other datasets");
        String operatorAccount = world().people().get("operator").account().toString();
        assertThat(seen.body()).doesNotContain(operatorAccount);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("\"history\"").contains("\"SUBMITTED\"").contains(operatorAccount);
        assertThat(asOperator("GET", "/api/operator/dataset-requests", null).body()).contains(id);
    }

    @Test
    void requestForChanges_thenRevision_isSubmittedAgain_andASecondReviewOfTheOldVersionIsAConflict() throws Exception {
        String id = file();
        assertThat(review(id, "REQUEST_CHANGES", false).status()).isEqualTo(200);

        RawHttp.Response revised = asService(token, "PUT", "/api/system/dataset-requests/" + id,
                SPEC.replace("Steps, weight and HbA1c", "HbA1c only"));
        RawHttp.Response reviseAgain = asService(token, "PUT", "/api/system/dataset-requests/" + id, SPEC);
        RawHttp.Response rejected = review(id, "REJECT", false);
        RawHttp.Response reviewAgain = review(id, "APPROVE", false);

        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        assertThat(revised.body()).contains("\"status\":\"SUBMITTED\"").contains("\"version\":3").contains("HbA1c only");
        assertThat(reviseAgain.status()).isEqualTo(409);
        assertThat(reviseAgain.body()).contains("\"code\":\"CP-0221\"");
        assertThat(rejected.body()).contains("\"status\":\"REJECTED\"");
        assertThat(reviewAgain.status()).isEqualTo(409);
    }

    @Test
    void anotherWellnessService_cannotSeeOrReviseTheRequest_itIsNotFound() throws Exception {
        String id = file();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationId other = organisation("wellot-" + suffix, OrganisationKind.WELLNESS_SERVICE, "health-advice");
        String otherToken = accessToken(registerWellnessService("appot-" + suffix, other), "system/Group.r");

        RawHttp.Response read = asService(otherToken, "GET", "/api/system/dataset-requests/" + id, null);
        RawHttp.Response revise = asService(otherToken, "PUT", "/api/system/dataset-requests/" + id, SPEC);
        RawHttp.Response list = asService(otherToken, "GET", "/api/system/dataset-requests", null);

        assertThat(read.status()).isEqualTo(404);
        assertThat(revise.status()).isEqualTo(404);
        assertThat(list.body()).doesNotContain(id);
        assertThat(asService(token, "GET", "/api/system/dataset-requests/ds-unknown", null).status()).isEqualTo(404);
    }

    @Test
    void clinicEmrs_cannotFile_andResidentsOrAnonymousCallersAreNotLetIn() throws Exception {
        String emr = accessToken(registerClinicEmr("emrds-" + UUID.randomUUID().toString().substring(0, 8),
                world().clinic()), "system/*.rs");

        RawHttp.Response byEmr = asService(emr, "POST", "/api/system/dataset-requests", SPEC);
        RawHttp.Response emrLists = asService(emr, "GET", "/api/system/dataset-requests", null);
        RawHttp.Response byResident = http.send("POST", "/api/system/dataset-requests", "application/json", SPEC,
                cookie(signIn("resident-a")));
        RawHttp.Response anonymous = http.send("POST", "/api/system/dataset-requests", "application/json", SPEC);
        RawHttp.Response serviceReviews = asService(token, "POST", "/api/operator/dataset-requests/ds-x/review",
                "{\"outcome\":\"APPROVE\",\"rationale\":\"mine\"}");

        assertThat(byEmr.status()).isEqualTo(403);
        assertThat(byEmr.body()).contains("\"code\":\"DS-0103\"");
        assertThat(emrLists.status()).isEqualTo(403);
        assertThat(byResident.status()).isEqualTo(401);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(serviceReviews.status()).isIn(401, 403);
    }

    @Test
    void reviewOfAnUnknownRequest_answers404WithItsCode_andNeverQuotesTheIdSent() throws Exception {
        String unknown = "ds-NoSuchRequestYamadaTaro42";

        RawHttp.Response answer = review(unknown, "APPROVE", false);

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).contains("application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"CP-0220\"").doesNotContain("YamadaTaro");
    }

    @Test
    void badInput_getsProblemDetailsWithACode_andFilesNothing() throws Exception {
        String[][] cases = {
                {SPEC.replace("\"health-advice\"", "\"no-such-purpose\""), "DS-0101"},
                {SPEC.replace("\"MEDICAL/laboratory\"", "\"GENOME\""), "CP-0202"},
                {SPEC.replace("\"ExplanationOfBenefit\"", "\"not a type\""), "CP-0302"},
                {SPEC.replace("\"k\":10", "\"k\":1"), "CP-0303"},
                {SPEC.replace("2026-12-31", "2025-12-31"), "CP-0304"},
                {SPEC.replace("\"refreshIntervalDays\":30", "\"refreshIntervalDays\":0"), "CP-0304"},
                {SPEC.replace("\"title\":\"Steps, weight and HbA1c\",", ""), "DS-0001"},
                {SPEC.replace("\"MONTH\"", "\"WEEK\""), "OP-0003"},
                {"{not json", "OP-0003"},
        };
        for (String[] c : cases) {
            RawHttp.Response answer = asService(token, "POST", "/api/system/dataset-requests", c[0]);
            assertThat(answer.status()).as(c[1] + " " + answer.body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).contains("application/problem+json");
            assertThat(answer.body()).contains("\"code\":\"" + c[1] + "\"").doesNotContain("GENOME")
                    .doesNotContain("no-such-purpose");
        }
        RawHttp.Response notItsPurpose = asService(token, "POST", "/api/system/dataset-requests",
                SPEC.replace("\"health-advice\"", "\"treatment\""));
        assertThat(notItsPurpose.status()).isEqualTo(403);
        assertThat(notItsPurpose.body()).contains("\"code\":\"DS-0102\"");
        assertThat(asService(token, "GET", "/api/system/dataset-requests", null).body()).isEqualTo("[]");

        String id = file();
        RawHttp.Response noRationale = asOperator("POST", "/api/operator/dataset-requests/" + id + "/review",
                "{\"outcome\":\"APPROVE\",\"rationale\":\" \"}");
        RawHttp.Response badOutcome = asOperator("POST", "/api/operator/dataset-requests/" + id + "/review",
                "{\"outcome\":\"MAYBE\",\"rationale\":\"why not\"}");
        RawHttp.Response askWithReject = review(id, "REJECT", true);
        assertThat(noRationale.body()).contains("\"code\":\"CP-0305\"");
        assertThat(badOutcome.body()).contains("\"code\":\"DS-0002\"");
        assertThat(askWithReject.body()).contains("\"code\":\"CP-0306\"");
        assertThat(List.of(noRationale.status(), badOutcome.status(), askWithReject.status())).containsOnly(400);
        assertThat(asService(token, "GET", "/api/system/dataset-requests/" + id, null).body())
                .contains("\"status\":\"SUBMITTED\"");
    }

    @Test
    void approvalAskingResidents_filesAConsentRequestInTheMissionsWords_toThoseWhoHaveNotAnswered() throws Exception {
        ResidentId b = world().people().get("resident-b").resident().orElseThrow();
        Recipient recipient = Recipient.organisation(service.value());
        Purpose advice = new Purpose("health-advice");
        java.util.Set<ConsentCategory> categories = java.util.Set.of(ConsentCategory.parse("PAYMENT"));
        Consent already = consents.grant(b, new ConsentTerms(recipient, advice, categories,
                ConsentPeriod.from(Instant.now())), ConsentEvidence.shown("『健康アドバイス』を目的として、『決済データ』を提供してよいですか？",
                "ja", "consent-question-1", Instant.now(), "portal"), new AccessActor("RESIDENT", "res-b",
                Optional.empty(), Optional.empty()));
        String id = file();

        RawHttp.Response approved = review(id, "APPROVE", true);

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("\"complete\":true");
        String session = signIn("resident-a");
        RawHttp.Response pending = http.get("/portal/api/consent-requests", cookie(session));
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.body()).contains("\"recipient\":\"" + service + "\"").contains("を目的として")
                .contains("提供してよいですか").contains("\"MEDICAL/laboratory\"");
        ResidentId a = world().people().get("resident-a").resident().orElseThrow();
        assertThat(consents.pendingRequests(a)).filteredOn(c -> c.terms().recipient().equals(recipient))
                .singleElement().satisfies(c -> assertThat(c.evidence().orElseThrow().channel())
                        .isEqualTo("dataset-request"));
        assertThat(consents.forResident(b)).filteredOn(c -> c.terms().recipient().equals(recipient))
                .extracting(Consent::id, Consent::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(already.id(), ConsentStatus.ACTIVE));

        RawHttp.Response again = asOperator("POST", "/api/operator/dataset-requests/" + id + "/ask-residents", "");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("\"asked\":0").contains("\"complete\":true");
        assertThat(consents.pendingRequests(a)).filteredOn(c -> c.terms().recipient().equals(recipient)).hasSize(1);
    }

    @Test
    void approvalWithoutAskingResidents_asksNobody_andAskingForAnUnapprovedRequestIsAConflict() throws Exception {
        String id = file();
        RawHttp.Response early = asOperator("POST", "/api/operator/dataset-requests/" + id + "/ask-residents", "");
        assertThat(review(id, "APPROVE", false).status()).isEqualTo(200);

        ResidentId a = world().people().get("resident-a").resident().orElseThrow();
        assertThat(early.status()).isEqualTo(409);
        assertThat(consents.pendingRequests(a)).noneMatch(c -> c.terms().recipient().organisation()
                .equals(service.value()));
    }
}
