package org.azukari.consent.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentDecisionPoint.Decision;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.testing.ConsentWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision point as a table: what the resident did (and how much time passed), who asks for
 * what, and the answer. Every row runs against the real JDBC stores on a fresh database.
 */
class ConsentDecisionTableTest {

    static final Recipient CLINIC = Recipient.organisation("clinic-a");
    static final Recipient TELEHEALTH = new Recipient("clinic-a", Optional.of("telehealth"));
    static final Recipient HOME_VISIT = new Recipient("clinic-a", Optional.of("home-visit"));
    static final Recipient WELLNESS = Recipient.organisation("well-b");
    static final Recipient HOSPITAL = Recipient.organisation("hosp-c");
    static final Purpose TREATMENT = new Purpose("treatment");
    static final Purpose ADVICE = new Purpose("health-advice");

    /**
     * @param releases  kinds of record the answer must release
     * @param withholds kinds of record the answer must not release although a permitted category
     *                  covers them (the never-share marks it carries)
     */
    record Row(String situation, Consumer<ConsentWorld> given, Recipient asking, Purpose purpose, String[] asked,
               boolean permit, String reason, Set<String> permitted, Set<String> releases, Set<String> withholds) {
        @Override
        public String toString() {
            return situation;
        }
    }

    static Row row(String situation, Consumer<ConsentWorld> given, Recipient asking, Purpose purpose,
                   String asked, String answer, String reason) {
        return row(situation, given, asking, purpose, asked, answer, reason, "", "");
    }

    /** A row that also names record kinds the answer releases and withholds (space-separated, may be empty). */
    static Row row(String situation, Consumer<ConsentWorld> given, Recipient asking, Purpose purpose,
                   String asked, String answer, String reason, String releases, String withholds) {
        String[] codes = asked.split(" ");
        boolean permit = answer.startsWith("PERMIT");
        Set<String> permitted = !permit ? Set.of()
                : answer.contains(":") ? Set.of(answer.substring(answer.indexOf(':') + 1).trim().split(" "))
                : Set.of(codes);
        return new Row(situation, given, asking, purpose, codes, permit, reason, permitted, words(releases),
                words(withholds));
    }

    private static Set<String> words(String text) {
        return text.isBlank() ? Set.of() : Set.of(text.trim().split(" +"));
    }

    static final Duration HOUR = Duration.ofHours(1);

    static Stream<Row> table() {
        return Stream.of(
        //  situation                                            given                                                                        asking      purpose    asked                              answer                      reason
        row("no consent at all denies",                          w -> { },                                                                    CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "no-consent"),
        row("an active consent permits",                         w -> w.grant(CLINIC, TREATMENT, "MEDICAL"),                                  CLINIC,     TREATMENT, "MEDICAL/laboratory",              "PERMIT",                   "consent-permit"),
        row("an expired consent denies",                         w -> { w.grant(CLINIC, TREATMENT, ConsentPeriod.between(w.clock.instant().minus(HOUR), w.clock.instant().plus(HOUR)), "MEDICAL"); w.clock.advance(HOUR.multipliedBy(2)); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "consent-expired"),
        row("a consent not yet started denies",                  w -> w.grant(CLINIC, TREATMENT, ConsentPeriod.from(w.clock.instant().plus(HOUR)), "MEDICAL"),
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "no-consent"),
        row("a withdrawn consent denies",                        w -> w.withdraw(w.grant(CLINIC, TREATMENT, "MEDICAL")),                      CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "consent-withdrawn"),
        row("a consent for another purpose denies",              w -> w.grant(CLINIC, ADVICE, "MEDICAL"),                                     CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "wrong-purpose"),
        row("a consent for another recipient denies",            w -> w.grant(WELLNESS, TREATMENT, "MEDICAL"),                                CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "wrong-recipient"),
        row("a category not in the consent is denied",           w -> w.grant(CLINIC, TREATMENT, "PAYMENT"),                                  CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "category-not-covered"),
        row("a subcategory consent covers that subcategory",     w -> w.grant(CLINIC, TREATMENT, "MEDICAL/laboratory"),                       CLINIC,     TREATMENT, "MEDICAL/laboratory",              "PERMIT",                   "consent-permit"),
        row("a subcategory consent covers no other subcategory", w -> w.grant(CLINIC, TREATMENT, "MEDICAL/laboratory"),                       CLINIC,     TREATMENT, "MEDICAL/diagnosis",               "DENY",                     "category-not-covered"),
        row("a subcategory consent covers not the whole category", w -> w.grant(CLINIC, TREATMENT, "MEDICAL/laboratory"),                     CLINIC,     TREATMENT, "MEDICAL",                         "DENY",                     "category-not-covered"),
        row("a whole-category consent covers its subcategories", w -> w.grant(CLINIC, TREATMENT, "MEDICAL"),                                 CLINIC,     TREATMENT, "MEDICAL/diagnosis MEDICAL/allergy", "PERMIT",                 "consent-permit"),
        row("only the consented part of a question is permitted", w -> w.grant(CLINIC, TREATMENT, "MEDICAL"),                                 CLINIC,     TREATMENT, "MEDICAL/laboratory PAYMENT",      "PERMIT: MEDICAL/laboratory", "consent-permit"),
        row("never-share excludes even with a consent",          w -> { w.grant(CLINIC, TREATMENT, "MEDICAL"); w.neverShare.mark(w.resident, cat("MEDICAL/diagnosis"), w.residentActor); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/diagnosis",               "DENY",                     "never-share"),
        row("never-share takes out only what it marks",          w -> { w.grant(CLINIC, TREATMENT, "MEDICAL"); w.neverShare.mark(w.resident, cat("MEDICAL/diagnosis"), w.residentActor); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/diagnosis MEDICAL/laboratory", "PERMIT: MEDICAL/laboratory", "consent-permit", "MEDICAL/laboratory", "MEDICAL/diagnosis"),
        row("a consent for one service denies another service",  w -> w.grant(TELEHEALTH, TREATMENT, "MEDICAL"),                              HOME_VISIT, TREATMENT, "MEDICAL/laboratory",              "DENY",                     "wrong-recipient"),
        row("a consent for one service denies the whole organisation", w -> w.grant(TELEHEALTH, TREATMENT, "MEDICAL"),                        CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "wrong-recipient"),
        row("a consent for one service permits that service",    w -> w.grant(TELEHEALTH, TREATMENT, "MEDICAL"),                              TELEHEALTH, TREATMENT, "MEDICAL/laboratory",              "PERMIT",                   "consent-permit"),
        row("an organisation-wide consent covers its services",  w -> w.grant(CLINIC, TREATMENT, "MEDICAL"),                                  TELEHEALTH, TREATMENT, "MEDICAL/laboratory",              "PERMIT",                   "consent-permit"),
        row("a proposed (unanswered) consent denies",            w -> w.request(CLINIC, TREATMENT, "MEDICAL"),                                CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "no-consent"),
        row("a rejected consent denies",                         w -> w.consents.answer(w.resident, w.request(CLINIC, TREATMENT, "MEDICAL").id(), false, w.evidence(), w.residentActor),
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "no-consent"),
        row("an accepted request permits",                       w -> w.consents.answer(w.resident, w.request(CLINIC, TREATMENT, "MEDICAL").id(), true, w.evidence(), w.residentActor),
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/laboratory",              "PERMIT",                   "consent-permit"),
        row("another resident's consent does not count",         w -> w.consents.grant(ResidentId.random(), new org.azukari.consent.api.ConsentTerms(CLINIC, TREATMENT, ConsentWorld.categories("MEDICAL"), ConsentPeriod.from(w.clock.instant().minus(HOUR))), w.evidence(), w.residentActor),
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/laboratory",              "DENY",                     "no-consent"),
        row("emergency access permits its categories",           w -> w.emergency(CLINIC),                                                    CLINIC,     TREATMENT, "MEDICAL/allergy MEDICAL/medication", "PERMIT",                "emergency-access"),
        row("emergency access covers the organisation's services", w -> w.emergency(CLINIC),                                                  TELEHEALTH, TREATMENT, "MEDICAL/allergy",                 "PERMIT",                   "emergency-access"),
        row("emergency access permits nothing outside its categories", w -> w.emergency(CLINIC),                                              CLINIC,     TREATMENT, "MEDICAL/laboratory PAYMENT",      "DENY",                     "category-not-covered"),
        row("emergency access is open just before its end",      w -> { w.emergency(CLINIC); w.clock.advance(Duration.ofHours(24).minusSeconds(1)); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/allergy",                 "PERMIT",                   "emergency-access"),
        row("emergency access expires on time",                  w -> { w.emergency(CLINIC); w.clock.advance(Duration.ofHours(24)); },       CLINIC,     TREATMENT, "MEDICAL/allergy",                 "DENY",                     "emergency-expired"),
        row("emergency access of another organisation denies",  w -> w.emergency(HOSPITAL),                                                  CLINIC,     TREATMENT, "MEDICAL/allergy",                 "DENY",                     "no-consent"),
        row("emergency access does not override never-share",    w -> { w.neverShare.mark(w.resident, cat("MEDICAL/allergy"), w.residentActor); w.emergency(CLINIC); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/allergy",                 "DENY",                     "never-share"),
        row("a consent and emergency access together permit both", w -> { w.grant(CLINIC, TREATMENT, "PAYMENT"); w.emergency(CLINIC); },     CLINIC,     TREATMENT, "PAYMENT MEDICAL/allergy",         "PERMIT",                   "consent-and-emergency-access"),
        //  finer never-share marks under a whole-category question                                                                                                                                      releases                              withholds
        row("never-share on laboratory withholds it from a whole-category permit", w -> { w.grant(CLINIC, TREATMENT, "MEDICAL"); w.neverShare.mark(w.resident, cat("MEDICAL/laboratory"), w.residentActor); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL",                         "PERMIT",                   "consent-permit",       "MEDICAL/vital-signs MEDICAL/diagnosis", "MEDICAL/laboratory"),
        row("never-share on diagnosis withholds it from a whole-category permit", w -> { w.grant(CLINIC, TREATMENT, "MEDICAL"); w.neverShare.mark(w.resident, cat("MEDICAL/diagnosis"), w.residentActor); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL",                         "PERMIT",                   "consent-permit",       "MEDICAL/laboratory MEDICAL/allergy",  "MEDICAL/diagnosis"),
        row("two finer marks withhold both and nothing else",    w -> { w.grant(CLINIC, TREATMENT, "MEDICAL", "PAYMENT"); w.neverShare.mark(w.resident, cat("MEDICAL/laboratory"), w.residentActor); w.neverShare.mark(w.resident, cat("MEDICAL/diagnosis"), w.residentActor); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL PAYMENT",                 "PERMIT",                   "consent-permit",       "MEDICAL/vital-signs PAYMENT/claim",   "MEDICAL/laboratory MEDICAL/diagnosis"),
        row("a finer mark holds when the question mixes whole and finer categories", w -> { w.grant(CLINIC, TREATMENT, "MEDICAL"); w.neverShare.mark(w.resident, cat("MEDICAL/laboratory"), w.residentActor); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL MEDICAL/laboratory",      "PERMIT: MEDICAL",          "consent-permit",       "MEDICAL/vital-signs",                 "MEDICAL/laboratory"),
        row("a finer mark holds for a service of the organisation", w -> { w.grant(CLINIC, TREATMENT, "MEDICAL"); w.neverShare.mark(w.resident, cat("MEDICAL/laboratory"), w.residentActor); },
                                                                                                                                                      TELEHEALTH, TREATMENT, "MEDICAL",                         "PERMIT",                   "consent-permit",       "MEDICAL/vital-signs",                 "MEDICAL/laboratory"),
        row("emergency access withholds a marked category asked with others", w -> { w.neverShare.mark(w.resident, cat("MEDICAL/diagnosis"), w.residentActor); w.emergency(CLINIC); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/allergy MEDICAL/diagnosis", "PERMIT: MEDICAL/allergy", "emergency-access",     "MEDICAL/allergy",                     "MEDICAL/diagnosis"),
        //  which ending a deny names: the one that ended last
        row("an emergency access that expired after a withdrawal denies as expired", w -> { w.withdraw(w.grant(CLINIC, TREATMENT, "MEDICAL")); w.clock.advance(HOUR); w.emergency(CLINIC); w.clock.advance(Duration.ofHours(24)); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/allergy",                 "DENY",                     "emergency-expired"),
        row("a consent withdrawn after an emergency access expired denies as withdrawn", w -> { Consent c = w.grant(CLINIC, TREATMENT, "MEDICAL/laboratory"); w.emergency(CLINIC); w.clock.advance(Duration.ofHours(25)); w.withdraw(c); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/allergy",                 "DENY",                     "consent-withdrawn"),
        row("an emergency access that expired after a consent did denies as emergency-expired", w -> { w.grant(CLINIC, TREATMENT, ConsentPeriod.between(w.clock.instant().minus(HOUR), w.clock.instant().plus(HOUR)), "MEDICAL"); w.clock.advance(HOUR.multipliedBy(2)); w.emergency(CLINIC); w.clock.advance(Duration.ofHours(24)); },
                                                                                                                                                      CLINIC,     TREATMENT, "MEDICAL/allergy",                 "DENY",                     "emergency-expired")
        );
    }

    static org.azukari.consent.api.ConsentCategory cat(String code) {
        return org.azukari.consent.api.ConsentCategory.parse(code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decide_answersAsTheTableSays(Row row) {
        ConsentWorld world = new ConsentWorld();
        row.given().accept(world);

        Decision decision = world.ask(row.asking(), row.purpose(), row.asked());

        assertThat(decision.permit()).as("permit").isEqualTo(row.permit());
        assertThat(decision.reasonCode()).as("reason").isEqualTo(row.reason());
        assertThat(decision.permitted()).as("permitted").isEqualTo(ConsentWorld.categories(
                row.permitted().toArray(String[]::new)));
        assertThat(decision.reliedOn().isEmpty()).as("relies on something exactly when it permits")
                .isEqualTo(!row.permit());
        assertThat(decision.emergency()).as("emergency").isEqualTo(row.reason().equals("emergency-access")
                || row.situation().contains("emergency access together"));
        assertThat(decision.withheld()).as("withheld: the marks the permit carries")
                .isEqualTo(ConsentWorld.categories(row.withholds().toArray(String[]::new)));
        row.releases().forEach(kind -> assertThat(decision.releases(cat(kind))).as("releases " + kind).isTrue());
        row.withholds().forEach(kind -> assertThat(decision.releases(cat(kind))).as("withholds " + kind).isFalse());
    }

    @Test
    void decide_rightAfterWithdrawal_denies() {
        ConsentWorld world = new ConsentWorld();
        Consent consent = world.grant(CLINIC, TREATMENT, "MEDICAL");
        assertThat(world.ask(CLINIC, TREATMENT, "MEDICAL/laboratory").permit()).isTrue();

        world.withdraw(consent);

        Decision next = world.ask(CLINIC, TREATMENT, "MEDICAL/laboratory");
        assertThat(next.permit()).isFalse();
        assertThat(next.reasonCode()).isEqualTo("consent-withdrawn");
    }

    @Test
    void decide_permit_reliesOnTheConsentVersionThatPermitted() {
        ConsentWorld world = new ConsentWorld();
        Consent consent = world.grant(CLINIC, TREATMENT, "MEDICAL");

        assertThat(world.ask(CLINIC, TREATMENT, "MEDICAL/laboratory").reliedOn()).containsExactly(consent.ref());
    }

    @Test
    void decide_whenTheConsentStoreIsGone_failsClosed() {
        ConsentWorld world = new ConsentWorld();
        world.grant(CLINIC, TREATMENT, "MEDICAL");
        world.sql.execute("DROP TABLE cp_consent_version");

        assertThatThrownBy(() -> world.ask(CLINIC, TREATMENT, "MEDICAL/laboratory"))
                .isInstanceOf(ConsentUnavailableException.class).hasMessageStartingWith("CP-0210");
    }

    @Test
    void decide_whenAStoredConsentTextNoLongerMatchesItsHash_failsClosed() {
        ConsentWorld world = new ConsentWorld();
        world.grant(CLINIC, TREATMENT, "MEDICAL");
        world.sql.update("UPDATE cp_consent_version SET evidence_text = 'something else'");

        assertThatThrownBy(() -> world.ask(CLINIC, TREATMENT, "MEDICAL/laboratory"))
                .isInstanceOf(ConsentUnavailableException.class);
    }
}
