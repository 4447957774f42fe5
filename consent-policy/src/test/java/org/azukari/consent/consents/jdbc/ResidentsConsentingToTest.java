package org.azukari.consent.consents.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.testing.ConsentWorld;
import org.junit.jupiter.api.Test;

/** The cohort a dataset export may consider: residents with a consent active at that moment, nobody else. */
class ResidentsConsentingToTest {

    static final Recipient WELLNESS = Recipient.organisation("well-a");
    static final Purpose ADVICE = new Purpose("health-advice");
    final ConsentWorld world = new ConsentWorld();

    Consent grant(ResidentId resident, Recipient recipient, Purpose purpose, ConsentPeriod period) {
        return world.consents.grant(resident, new ConsentTerms(recipient, purpose, ConsentWorld.categories("MEDICAL"),
                period), world.evidence(), world.residentActor);
    }

    Consent grant(ResidentId resident, Recipient recipient, Purpose purpose) {
        return grant(resident, recipient, purpose, ConsentPeriod.from(ConsentWorld.START.minus(Duration.ofDays(1))));
    }

    @Test
    void residentsConsentingTo_listsActiveConsentsOnly_forThatOrganisationAndPurpose() {
        ResidentId active = ResidentId.random();
        ResidentId ofAService = ResidentId.random();
        ResidentId withdrawn = ResidentId.random();
        ResidentId expired = ResidentId.random();
        ResidentId notYetStarted = ResidentId.random();
        ResidentId otherPurpose = ResidentId.random();
        ResidentId otherRecipient = ResidentId.random();
        ResidentId onlyAsked = ResidentId.random();
        grant(active, WELLNESS, ADVICE);
        grant(ofAService, new Recipient("well-a", Optional.of("coach")), ADVICE);
        Consent toWithdraw = grant(withdrawn, WELLNESS, ADVICE);
        world.consents.withdraw(withdrawn, toWithdraw.id(), "portal", world.residentActor);
        grant(expired, WELLNESS, ADVICE, new ConsentPeriod(ConsentWorld.START.minus(Duration.ofDays(30)),
                Optional.of(ConsentWorld.START.minus(Duration.ofDays(1)))));
        grant(notYetStarted, WELLNESS, ADVICE, ConsentPeriod.from(ConsentWorld.START.plus(Duration.ofDays(1))));
        grant(otherPurpose, WELLNESS, new Purpose("research"));
        grant(otherRecipient, Recipient.organisation("well-b"), ADVICE);
        world.consents.request(onlyAsked, new ConsentTerms(WELLNESS, ADVICE, ConsentWorld.categories("MEDICAL"),
                ConsentPeriod.from(ConsentWorld.START)), world.evidence(), world.residentActor);

        assertThat(world.consents.residentsConsentingTo("well-a", ADVICE, ConsentWorld.START))
                .containsExactlyInAnyOrder(active, ofAService);
    }

    @Test
    void residentsConsentingTo_afterAWithdrawal_leavesTheResidentOut_evenForAnEarlierMoment() {
        ResidentId resident = ResidentId.random();
        Consent granted = grant(resident, WELLNESS, ADVICE);
        Instant before = world.clock.instant();
        world.clock.advance(Duration.ofHours(1));
        world.consents.withdraw(resident, granted.id(), "portal", world.residentActor);

        assertThat(world.consents.residentsConsentingTo("well-a", ADVICE, world.clock.instant())).isEmpty();
        assertThat(world.consents.residentsConsentingTo("well-a", ADVICE, before)).isEmpty();
    }
}
