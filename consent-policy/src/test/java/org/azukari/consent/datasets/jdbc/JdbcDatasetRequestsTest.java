package org.azukari.consent.datasets.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.DatasetItem;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequestStatus;
import org.azukari.consent.api.DatasetReview;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.testing.ConsentWorld;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class JdbcDatasetRequestsTest {

    static final Recipient WELLNESS = Recipient.organisation("well-a");
    static final Recipient OTHER = Recipient.organisation("well-b");
    static final Purpose ADVICE = new Purpose("health-advice");
    static final AccessActor SERVICE = new AccessActor(AccessActor.Kind.WELLNESS_SERVICE, "app-a", Optional.of("well-a"),
            Optional.of("app-a"));
    static final AccessActor OPERATOR = new AccessActor(AccessActor.Kind.OPERATOR, "op-1", Optional.empty(), Optional.empty());
    final ConsentWorld world = new ConsentWorld();

    static DatasetSpec spec(String title) {
        return new DatasetSpec(title, ADVICE, ConsentWorld.categories("MEDICAL/laboratory", "PAYMENT"),
                List.of(DatasetItem.parse("Observation|http://loinc.org|4548-4"), DatasetItem.parse("Observation|29463-7"),
                        DatasetItem.parse("ExplanationOfBenefit")),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Duration.ofDays(30),
                new Deidentification(Deidentification.DateHandling.SHIFT, 10, Deidentification.LocationLevel.NONE, 10));
    }

    DatasetRequest file() {
        return world.datasets.file(WELLNESS, spec("Steps, weight and HbA1c"), SERVICE);
    }

    DatasetReview review(DatasetReview.Outcome outcome) {
        return new DatasetReview(outcome, "proportionate to the stated purpose", "no re-identification attempts",
                "op-1", world.clock.instant());
    }

    @Test
    void file_storesVersionOneSubmitted_andReadsBackTheWholeSpec() {
        DatasetRequest filed = file();

        assertThat(filed.version()).isEqualTo(1);
        assertThat(filed.status()).isEqualTo(DatasetRequestStatus.SUBMITTED);
        assertThat(filed.review()).isEmpty();
        assertThat(filed.id().value()).matches("ds-[A-Za-z0-9-]{22}");
        assertThat(world.datasets.find(filed.id())).contains(filed);
        assertThat(world.datasets.ofRecipient("well-a")).containsExactly(filed);
    }

    @Test
    void approve_addsAnApprovedVersion_withTheRationaleAndConditions_andKeepsTheSubmittedOne() {
        DatasetRequest filed = file();
        world.clock.advance(Duration.ofHours(2));

        world.assess(filed.id());
        DatasetRequest approved = world.datasets.review(filed.id(), review(DatasetReview.Outcome.APPROVE), false,
                OPERATOR);

        assertThat(approved.approved()).isTrue();
        assertThat(approved.version()).isEqualTo(2);
        assertThat(approved.spec()).isEqualTo(filed.spec());
        assertThat(approved.review()).hasValueSatisfying(r -> {
            assertThat(r.rationale()).isEqualTo("proportionate to the stated purpose");
            assertThat(r.conditions()).isEqualTo("no re-identification attempts");
            assertThat(r.reviewer()).isEqualTo("op-1");
        });
        assertThat(world.datasets.history(filed.id())).containsExactly(filed, approved);
        assertThat(world.datasets.find(filed.id())).contains(approved);
    }

    @Test
    void reject_isFinal_andCannotBeReviewedOrRevisedAgain() {
        DatasetRequest filed = file();
        world.datasets.review(filed.id(), review(DatasetReview.Outcome.REJECT), false, OPERATOR);

        assertThatThrownBy(() -> world.datasets.review(filed.id(), review(DatasetReview.Outcome.APPROVE), false,
                OPERATOR)).isInstanceOfSatisfying(ConsentChangeRefusedException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ConsentChangeRefusedException.WRONG_STATE));
        assertThatThrownBy(() -> world.datasets.revise(filed.id(), WELLNESS, spec("again"), SERVICE))
                .isInstanceOfSatisfying(ConsentChangeRefusedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ConsentChangeRefusedException.WRONG_STATE));
        assertThat(world.datasets.find(filed.id()).orElseThrow().status()).isEqualTo(DatasetRequestStatus.REJECTED);
    }

    @Test
    void requestChanges_thenRevise_isSubmittedAgain_withTheNewSpec_andCanThenBeApproved() {
        DatasetRequest filed = file();
        world.datasets.review(filed.id(), review(DatasetReview.Outcome.REQUEST_CHANGES), false, OPERATOR);
        world.clock.advance(Duration.ofDays(1));

        DatasetRequest revised = world.datasets.revise(filed.id(), WELLNESS, spec("HbA1c only"), SERVICE);
        world.assess(filed.id());
        DatasetRequest approved = world.datasets.review(filed.id(), review(DatasetReview.Outcome.APPROVE), false,
                OPERATOR);

        assertThat(revised.status()).isEqualTo(DatasetRequestStatus.SUBMITTED);
        assertThat(revised.version()).isEqualTo(3);
        assertThat(revised.spec().title()).isEqualTo("HbA1c only");
        assertThat(revised.review()).isEmpty();
        assertThat(world.datasets.history(filed.id())).extracting(DatasetRequest::version, DatasetRequest::status)
                .containsExactly(tuple(1, DatasetRequestStatus.SUBMITTED), tuple(2, DatasetRequestStatus.CHANGES_REQUESTED),
                        tuple(3, DatasetRequestStatus.SUBMITTED), tuple(4, DatasetRequestStatus.APPROVED));
        assertThat(approved.spec().title()).isEqualTo("HbA1c only");
    }

    @Test
    void revise_whileSubmitted_isRefused() {
        DatasetRequest filed = file();

        assertThatThrownBy(() -> world.datasets.revise(filed.id(), WELLNESS, spec("sooner"), SERVICE))
                .isInstanceOfSatisfying(ConsentChangeRefusedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ConsentChangeRefusedException.WRONG_STATE));
        assertThat(world.datasets.history(filed.id())).containsExactly(filed);
    }

    @Test
    void revise_byAnotherOrganisation_answersAsUnknown_andChangesNothing() {
        DatasetRequest filed = file();
        world.datasets.review(filed.id(), review(DatasetReview.Outcome.REQUEST_CHANGES), false, OPERATOR);

        assertThatThrownBy(() -> world.datasets.revise(filed.id(), OTHER, spec("mine now"), SERVICE))
                .isInstanceOfSatisfying(ConsentChangeRefusedException.class, e -> assertThat(e.notFound()).isTrue());
        assertThat(world.datasets.history(filed.id())).hasSize(2);
    }

    @Test
    void approve_withoutAnAssessmentOfTheRequest_isRefused_andNothingChanges() {
        DatasetRequest filed = file();
        world.assessments.record(org.azukari.consent.api.AssessmentSubject.recipient(WELLNESS.organisation()),
                ConsentWorld.assessmentTerms("The service as a whole"), "op-1");
        int entries = world.log.entries.size();

        assertThatThrownBy(() -> world.datasets.review(filed.id(), review(DatasetReview.Outcome.APPROVE), false,
                OPERATOR)).isInstanceOfSatisfying(ConsentChangeRefusedException.class,
                e -> assertThat(e.code()).isEqualTo("CP-0410"));

        assertThat(world.datasets.find(filed.id()).orElseThrow().status()).isEqualTo(DatasetRequestStatus.SUBMITTED);
        assertThat(world.log.entries).hasSize(entries);
        world.assess(filed.id());
        assertThat(world.datasets.review(filed.id(), review(DatasetReview.Outcome.APPROVE), false, OPERATOR).status())
                .isEqualTo(DatasetRequestStatus.APPROVED);
    }

    @Test
    void review_ofAnUnknownRequest_isNotFound() {
        assertThatThrownBy(() -> world.datasets.review(DatasetRequestId.random(), review(DatasetReview.Outcome.APPROVE),
                false, OPERATOR)).isInstanceOfSatisfying(ConsentChangeRefusedException.class,
                e -> assertThat(e.notFound()).isTrue());
    }

    @Test
    void askingResidents_withAnythingButAnApproval_isRefused_andChangesNothing() {
        DatasetRequest filed = file();

        assertThatThrownBy(() -> world.datasets.review(filed.id(), review(DatasetReview.Outcome.REJECT), true,
                OPERATOR)).hasMessageStartingWith("CP-0306");
        assertThat(world.datasets.find(filed.id())).contains(filed);
    }

    @Test
    void review_withoutARationale_isRefusedAtConstruction() {
        assertThatThrownBy(() -> new DatasetReview(DatasetReview.Outcome.APPROVE, "  ", null, "op-1",
                world.clock.instant())).hasMessageStartingWith("CP-0305");
    }

    @Test
    void ofRecipient_showsOnlyThatOrganisationsRequests_andAll_putsSubmittedFirst() {
        DatasetRequest mine = file();
        world.clock.advance(Duration.ofMinutes(1));
        DatasetRequest theirs = world.datasets.file(OTHER, spec("Theirs"), SERVICE);
        world.clock.advance(Duration.ofMinutes(1));
        world.assess(mine.id());
        DatasetRequest approved = world.datasets.review(mine.id(), review(DatasetReview.Outcome.APPROVE), false,
                OPERATOR);

        assertThat(world.datasets.ofRecipient("well-a")).containsExactly(approved);
        assertThat(world.datasets.ofRecipient("well-b")).containsExactly(theirs);
        assertThat(world.datasets.all()).containsExactly(theirs, approved);
    }

    @Test
    void everyChange_isInTheAccessLog_withTheRequestId_andNoResident() {
        DatasetRequest filed = file();
        world.datasets.review(filed.id(), review(DatasetReview.Outcome.REQUEST_CHANGES), false, OPERATOR);
        world.datasets.revise(filed.id(), WELLNESS, spec("HbA1c only"), SERVICE);
        world.assess(filed.id());
        world.datasets.review(filed.id(), review(DatasetReview.Outcome.APPROVE), false, OPERATOR);

        assertThat(world.log.entries).extracting(e -> e.actor().kind().name(), e -> e.reason()).containsExactly(
                tuple("WELLNESS_SERVICE", "dataset-request-filed"),
                tuple("OPERATOR", "dataset-request-changes-requested"),
                tuple("WELLNESS_SERVICE", "dataset-request-revised"),
                tuple("OPERATOR", "dataset-request-approved"));
        assertThat(world.log.entries).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(AccessAction.CONSENT_CHANGE);
            assertThat(e.resident()).isEmpty();
            assertThat(e.consents()).containsExactly(filed.id().value());
            assertThat(e.purpose()).contains(ADVICE);
            assertThat(e.categories()).isEqualTo(Set.of(DataCategory.MEDICAL, DataCategory.PAYMENT));
            assertThat(e.resourceCounts()).isEmpty();
        });
    }

    @Test
    void file_whileTheAccessLogIsDown_isRefused_andNothingIsStored() {
        world.log.down = true;

        assertThatThrownBy(this::file).isInstanceOf(AccessLogUnavailableException.class);
        assertThat(world.rows("cp_dataset_request_version")).isZero();
    }

    @Test
    void approve_whileTheAccessLogIsDown_isRefused_andTheRequestStaysSubmitted() {
        DatasetRequest filed = file();
        world.log.down = true;

        world.assess(filed.id());
        assertThatThrownBy(() -> world.datasets.review(filed.id(), review(DatasetReview.Outcome.APPROVE), false,
                OPERATOR)).isInstanceOf(AccessLogUnavailableException.class);
        assertThat(world.datasets.history(filed.id())).containsExactly(filed);
    }

    @Test
    void twoReviewsOfTheSameVersion_cannotBothBeStored() {
        DatasetRequest filed = file();
        world.sql.update("INSERT INTO cp_dataset_request_version SELECT request_id, 2, recipient_org, recipient_service,"
                + " 'REJECTED', title, purpose, categories, items, period_start, period_end, refresh_seconds,"
                + " date_handling, age_band_years, location_level, k_min, 'REJECT', 'x', '', 'op-2', recorded_at,"
                + " 'op-2', recorded_at FROM cp_dataset_request_version WHERE request_id = ?", filed.id().value());

        assertThatThrownBy(() -> world.sql.update("INSERT INTO cp_dataset_request_version SELECT request_id, 2,"
                + " recipient_org, recipient_service, 'APPROVED', title, purpose, categories, items, period_start,"
                + " period_end, refresh_seconds, date_handling, age_band_years, location_level, k_min, 'APPROVE', 'y',"
                + " '', 'op-1', recorded_at, 'op-1', recorded_at FROM cp_dataset_request_version"
                + " WHERE request_id = ? AND version = 1", filed.id().value()))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(world.datasets.find(filed.id()).orElseThrow().status()).isEqualTo(DatasetRequestStatus.REJECTED);
    }

    @Test
    void reads_whenTheDatabaseIsGone_failClosed() {
        DataSource nowhere = new DriverManagerDataSource("jdbc:h2:mem:nowhere-" + java.util.UUID.randomUUID()
                + ";MODE=PostgreSQL", "sa", "");
        JdbcDatasetRequests unmigrated = new JdbcDatasetRequests(nowhere, world.log, world.clock);

        assertThatThrownBy(() -> unmigrated.find(DatasetRequestId.random()))
                .isInstanceOf(ConsentUnavailableException.class);
        assertThatThrownBy(() -> unmigrated.file(WELLNESS, spec("x"), SERVICE))
                .isInstanceOf(ConsentUnavailableException.class);
    }
}
