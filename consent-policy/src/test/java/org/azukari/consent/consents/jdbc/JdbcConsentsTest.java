package org.azukari.consent.consents.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.testing.ConsentWorld;
import org.junit.jupiter.api.Test;

class JdbcConsentsTest {

    static final Recipient CLINIC = Recipient.organisation("clinic-a");
    static final Purpose ADVICE = new Purpose("health-advice");
    final ConsentWorld world = new ConsentWorld();

    @Test
    void withdraw_addsAVersion_andLeavesTheGrantAsItWas() {
        Consent granted = world.grant(CLINIC, ADVICE, "MEDICAL", "PAYMENT");
        world.clock.advance(Duration.ofMinutes(5));

        Consent withdrawn = world.withdraw(granted);

        assertThat(withdrawn.version()).isEqualTo(2);
        assertThat(withdrawn.status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(world.consents.history(granted.id())).extracting(Consent::version, Consent::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ConsentStatus.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple(2, ConsentStatus.WITHDRAWN));
        assertThat(world.consents.history(granted.id()).get(0)).isEqualTo(granted);
        assertThat(world.consents.find(granted.id())).contains(withdrawn);
        assertThat(world.rows("cp_consent_version")).isEqualTo(2);
    }

    @Test
    void grant_keepsTheExactTextShown_withItsSha256() {
        Consent granted = world.grant(CLINIC, ADVICE, "PAYMENT");

        ConsentEvidence evidence = world.consents.find(granted.id()).orElseThrow().evidence().orElseThrow();
        assertThat(evidence.text()).isEqualTo(ConsentWorld.QUESTION_JA);
        assertThat(evidence.textSha256()).isEqualTo(ConsentEvidence.sha256(ConsentWorld.QUESTION_JA)).hasSize(64);
        assertThat(evidence.language()).isEqualTo("ja");
        assertThat(evidence.toString()).doesNotContain(ConsentWorld.QUESTION_JA);
    }

    @Test
    void evidence_withAHashOfAnotherText_isRefused() {
        assertThatThrownBy(() -> new ConsentEvidence("yes to everything", "en", "v1",
                ConsentEvidence.sha256("something else"), ConsentWorld.START, "portal"))
                .hasMessageStartingWith("CP-0209");
    }

    @Test
    void consentIds_areRandomAndUrlSafe() {
        Consent a = world.grant(CLINIC, ADVICE, "PAYMENT");
        Consent b = world.grant(CLINIC, ADVICE, "PAYMENT");

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.id().value()).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void request_thenYes_isActive_andIsNoLongerPending() {
        Consent proposed = world.request(CLINIC, ADVICE, "MEDICAL", "PAYMENT");
        assertThat(world.consents.pendingRequests(world.resident)).containsExactly(proposed);

        Consent answered = world.consents.answer(world.resident, proposed.id(), true, world.evidence(),
                world.residentActor);

        assertThat(answered.status()).isEqualTo(ConsentStatus.ACTIVE);
        assertThat(answered.version()).isEqualTo(2);
        assertThat(world.consents.pendingRequests(world.resident)).isEmpty();
    }

    @Test
    void answer_twice_isRefused() {
        Consent proposed = world.request(CLINIC, ADVICE, "MEDICAL");
        world.consents.answer(world.resident, proposed.id(), false, world.evidence(), world.residentActor);

        assertThatThrownBy(() -> world.consents.answer(world.resident, proposed.id(), true, world.evidence(),
                world.residentActor)).isInstanceOf(ConsentChangeRefusedException.class)
                .hasMessageStartingWith("CP-0221");
    }

    @Test
    void withdraw_anotherResidentsConsent_answersNotFound_andChangesNothing() {
        Consent granted = world.grant(CLINIC, ADVICE, "MEDICAL");

        assertThatThrownBy(() -> world.consents.withdraw(ResidentId.random(), granted.id(), "portal",
                world.residentActor)).isInstanceOf(ConsentChangeRefusedException.class)
                .hasMessageStartingWith("CP-0220");
        assertThat(world.consents.find(granted.id())).contains(granted);
    }

    @Test
    void everyChange_isInTheAccessLog_withTheConsentId() {
        Consent proposed = world.request(CLINIC, ADVICE, "MEDICAL");
        world.consents.answer(world.resident, proposed.id(), true, world.evidence(), world.residentActor);
        world.withdraw(proposed);

        assertThat(world.log.entries).extracting(e -> e.action(), e -> e.reason()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AccessAction.CONSENT_CHANGE, "consent-requested"),
                org.assertj.core.groups.Tuple.tuple(AccessAction.CONSENT_REQUEST_ANSWER, "consent-answer-yes"),
                org.assertj.core.groups.Tuple.tuple(AccessAction.CONSENT_CHANGE, "consent-withdrawn"));
        assertThat(world.log.entries).allSatisfy(e -> {
            assertThat(e.consents()).containsExactly(proposed.id().value());
            assertThat(e.resident()).contains(world.resident);
        });
    }

    @Test
    void grant_whileTheAccessLogIsDown_isRefused_andNothingIsStored() {
        world.log.down = true;

        assertThatThrownBy(() -> world.grant(CLINIC, ADVICE, "MEDICAL"))
                .isInstanceOf(AccessLogUnavailableException.class);
        assertThat(world.rows("cp_consent_version")).isZero();
    }

    @Test
    void withdraw_whileTheAccessLogIsDown_isRefused_andTheConsentStaysActive() {
        Consent granted = world.grant(CLINIC, ADVICE, "MEDICAL");
        world.log.down = true;

        assertThatThrownBy(() -> world.withdraw(granted)).isInstanceOf(AccessLogUnavailableException.class);
        assertThat(world.consents.history(granted.id())).containsExactly(granted);
    }

    @Test
    void emergencyOpening_whileTheAccessLogIsDown_isRefused_andNothingIsStored() {
        world.log.down = true;

        assertThatThrownBy(() -> world.emergency(CLINIC)).isInstanceOf(AccessLogUnavailableException.class);
        assertThat(world.rows("cp_emergency_access")).isZero();
    }

    @Test
    void neverShare_whileTheAccessLogIsDown_isRefused_andNothingIsStored() {
        world.log.down = true;

        assertThatThrownBy(() -> world.neverShare.mark(world.resident,
                org.azukari.consent.api.ConsentCategory.parse("MEDICAL/diagnosis"), world.residentActor))
                .isInstanceOf(AccessLogUnavailableException.class);
        assertThat(world.rows("cp_never_share")).isZero();
    }

    @Test
    void emergencyOpening_isLogged_withoutItsReason_andQueuedForReview() {
        EmergencyAccess opened = world.emergency(CLINIC);

        assertThat(world.log.entries).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AccessAction.EMERGENCY_ACCESS);
            assertThat(e.consents()).containsExactly(opened.id().value());
            assertThat(e.toString()).doesNotContain("unconscious");
        });
        assertThat(opened.toString()).doesNotContain("unconscious");
        assertThat(opened.until()).isEqualTo(ConsentWorld.START.plus(Duration.ofHours(24)));
        assertThat(world.emergencies.unreviewed()).containsExactly(opened);
        assertThat(world.emergencies.forResident(world.resident)).containsExactly(opened);

        EmergencyAccess reviewed = world.emergencies.review(opened.id(), "op-1", "checked with the ward",
                world.clock.instant());

        assertThat(reviewed.review()).isPresent();
        assertThat(world.emergencies.unreviewed()).isEmpty();
        assertThat(world.log.entries).hasSize(2).last().satisfies(e -> {
            assertThat(e.actor().kind()).isEqualTo(AccessActor.Kind.OPERATOR);
            assertThat(e.actor().id()).isEqualTo("op-1");
            assertThat(e.resident()).contains(world.resident);
            assertThat(e.consents()).containsExactly(opened.id().value());
            assertThat(e.reason()).isEqualTo("emergency-access-reviewed");
            assertThat(e.emergency()).isTrue();
            assertThat(e.toString()).doesNotContain("checked with the ward");
        });
        assertThatThrownBy(() -> world.emergencies.review(opened.id(), "op-1", "again", world.clock.instant()))
                .hasMessageStartingWith("CP-0233");
    }

    @Test
    void review_whileTheAccessLogIsDown_isRefused_andTheOpeningStaysInTheQueue() {
        EmergencyAccess opened = world.emergency(CLINIC);
        world.log.down = true;

        assertThatThrownBy(() -> world.emergencies.review(opened.id(), "op-1", "checked with the ward",
                world.clock.instant())).isInstanceOf(AccessLogUnavailableException.class);

        world.log.down = false;
        assertThat(world.emergencies.unreviewed()).containsExactly(opened);
        assertThat(world.log.entries).hasSize(1);
    }

    @Test
    void review_ofAnUnknownOpening_isNotFound_andNothingIsLogged() {
        assertThatThrownBy(() -> world.emergencies.review(org.azukari.consent.api.ConsentId.random(), "op-1",
                "checked with the ward", world.clock.instant())).isInstanceOfSatisfying(
                ConsentChangeRefusedException.class, e -> assertThat(e.notFound()).isTrue());
        assertThat(world.log.entries).isEmpty();
    }

    @Test
    void emergencyOpening_withATooShortReason_isRefused() {
        assertThatThrownBy(() -> world.emergencies.open(world.resident, "doc-1", CLINIC, "urgent", world.clock.instant()))
                .hasMessageStartingWith("CP-0230");
        assertThat(world.rows("cp_emergency_access")).isZero();
        assertThat(world.log.entries).isEmpty();
    }

    @Test
    void whoCanSee_listsActiveConsentsAndOpenEmergencies_notWithdrawnOnes() {
        Consent kept = world.grant(CLINIC, ADVICE, "PAYMENT");
        world.withdraw(world.grant(Recipient.organisation("well-b"), ADVICE, "MEDICAL"));
        EmergencyAccess opened = world.emergency(Recipient.organisation("hosp-c"));

        var grants = new org.azukari.consent.decision.DefaultWhoCanSee(world.consents, world.emergencies, world.neverShare)
                .whoCanSee(world.resident, world.clock.instant());

        assertThat(grants).extracting(g -> g.basis().id()).containsExactlyInAnyOrder(kept.id().value(),
                opened.id().value());
        assertThat(grants).filteredOn(g -> g.emergency()).singleElement()
                .satisfies(g -> assertThat(g.until()).contains(opened.until()));
        assertThat(grants).filteredOn(g -> !g.emergency()).singleElement()
                .satisfies(g -> assertThat(g.until()).isEqualTo(Optional.empty()));
    }

    @Test
    void whoCanSee_takesOutWhatTheResidentMarkedNeverShare_andDropsAGrantLeftWithNothing() {
        world.grant(CLINIC, ADVICE, "MEDICAL/laboratory", "MEDICAL/diagnosis");
        Consent onlyDiagnosis = world.grant(Recipient.organisation("well-d"), ADVICE, "MEDICAL/diagnosis");
        world.neverShare.mark(world.resident, org.azukari.consent.api.ConsentCategory.parse("MEDICAL/diagnosis"),
                world.residentActor);

        var grants = new org.azukari.consent.decision.DefaultWhoCanSee(world.consents, world.emergencies, world.neverShare)
                .whoCanSee(world.resident, world.clock.instant());

        assertThat(grants).singleElement().satisfies(g -> {
            assertThat(g.recipient()).isEqualTo(CLINIC);
            assertThat(g.categories()).containsExactly(org.azukari.consent.api.ConsentCategory.parse("MEDICAL/laboratory"));
        });
        assertThat(grants).noneMatch(g -> g.basis().id().equals(onlyDiagnosis.id().value()));
    }
}
