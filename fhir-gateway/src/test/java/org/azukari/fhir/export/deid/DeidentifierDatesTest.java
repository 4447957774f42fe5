package org.azukari.fhir.export.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.azukari.fhir.export.deid.DeidentificationProfile.DateHandling;
import org.azukari.fhir.export.deid.SyntheticCohort.Person;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class DeidentifierDatesTest {

    static final int MAX_SHIFT = 60;
    final List<Person> cohort = SyntheticCohort.people();

    static Deidentifier deidentifier(DeidentificationProfile profile) {
        return new Deidentifier(profile, SyntheticCohort.pseudonyms(), SyntheticCohort.TODAY);
    }

    /** The person's dates in a fixed order, from the released or the de-identified resources. */
    static List<BaseDateTimeType> dates(List<Resource> resources) {
        Encounter encounter = DeidentifierTest.first(resources, Encounter.class);
        Observation observation = DeidentifierTest.first(resources, Observation.class);
        Condition condition = DeidentifierTest.first(resources, Condition.class);
        Claim claim = DeidentifierTest.first(resources, Claim.class);
        return List.of(encounter.getPeriod().getStartElement(), encounter.getPeriod().getEndElement(),
                observation.getEffectiveDateTimeType(), observation.getIssuedElement(),
                condition.getOnsetDateTimeType(), condition.getRecordedDateElement(),
                DeidentifierTest.first(resources, MedicationRequest.class).getAuthoredOnElement(),
                claim.getCreatedElement(), claim.getBillablePeriod().getStartElement());
    }

    static long daysBetween(BaseDateTimeType before, BaseDateTimeType after) {
        String a = before.getValueAsString();
        String b = after.getValueAsString();
        if (a.length() == 10) {
            return ChronoUnit.DAYS.between(LocalDate.parse(a), LocalDate.parse(b));
        }
        long minutes = ChronoUnit.MINUTES.between(OffsetDateTime.parse(a), OffsetDateTime.parse(b));
        assertThat(minutes % (24 * 60)).as("whole days, time of day kept").isZero();
        return minutes / (24 * 60);
    }

    @Test
    void shift_movesEveryDateOfAPersonByTheSameDays_soIntervalsAreKept() {
        Deidentifier deidentifier = deidentifier(DeidentificationProfile.defaults().withShift(MAX_SHIFT));
        Set<Long> shifts = new HashSet<>();

        for (Person person : cohort) {
            List<BaseDateTimeType> before = dates(person.released());
            List<BaseDateTimeType> after = dates(deidentifier.deidentify(SyntheticCohort.SERVICE, person.resident(),
                    person.released()).resources());
            List<Long> moved = new ArrayList<>();
            for (int i = 0; i < before.size(); i++) {
                moved.add(daysBetween(before.get(i), after.get(i)));
            }
            assertThat(moved).as("one shift per person").containsOnly(moved.get(0));
            assertThat(Math.abs(moved.get(0))).isBetween(1L, (long) MAX_SHIFT);
            shifts.add(moved.get(0));
        }
        assertThat(shifts).as("people are shifted differently").hasSizeGreaterThan(10);
    }

    @Test
    void shift_isStableAcrossExportsOfOneServiceAndDiffersForAnother() {
        DeidentificationProfile profile = DeidentificationProfile.defaults().withShift(MAX_SHIFT);
        Person person = cohort.get(5);

        String first = observed(deidentifier(profile), SyntheticCohort.SERVICE, person);
        String again = observed(deidentifier(profile), SyntheticCohort.SERVICE, person);
        long differing = cohort.stream().filter(p -> !observed(deidentifier(profile), SyntheticCohort.SERVICE, p)
                .equals(observed(deidentifier(profile), SyntheticCohort.OTHER_SERVICE, p))).count();

        assertThat(again).isEqualTo(first);
        assertThat(differing).isGreaterThan(cohort.size() * 8L / 10);
    }

    private static String observed(Deidentifier deidentifier, org.azukari.identity.api.OrganisationId service,
            Person person) {
        return DeidentifierTest.first(deidentifier.deidentify(service, person.resident(), person.released()).resources(),
                Observation.class).getEffectiveDateTimeType().getValueAsString();
    }

    @Test
    void generaliseMonth_leavesEveryDateAtMonthPrecisionAndDropsInstants() {
        Person person = cohort.get(0);

        List<Resource> out = deidentifier(DeidentificationProfile.defaults().withDates(DateHandling.GENERALISE_MONTH))
                .deidentify(SyntheticCohort.SERVICE, person.resident(), person.released()).resources();

        Observation observation = DeidentifierTest.first(out, Observation.class);
        assertThat(observation.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-03");
        assertThat(observation.hasIssued()).isFalse();
        assertThat(DeidentifierTest.first(out, Condition.class).getOnsetDateTimeType().getValueAsString()).isEqualTo("2023-11");
        assertThat(DeidentifierTest.first(out, Encounter.class).getPeriod().getEndElement().getValueAsString()).isEqualTo("2024-03");
        assertThat(DeidentifierDatesTest.allDateStrings(out)).allMatch(text -> text.matches("\\d{4}-\\d{2}"));
    }

    @Test
    void generaliseYear_leavesEveryDateAtYearPrecision() {
        Person person = cohort.get(0);

        List<Resource> out = deidentifier(DeidentificationProfile.defaults().withDates(DateHandling.GENERALISE_YEAR))
                .deidentify(SyntheticCohort.SERVICE, person.resident(), person.released()).resources();

        assertThat(allDateStrings(out)).isNotEmpty().allMatch(text -> text.matches("\\d{4}"));
        assertThat(DeidentifierTest.first(out, Claim.class).getCreatedElement().getValueAsString()).isEqualTo("2024");
    }

    @Test
    void shift_ofADateKnownOnlyToTheMonth_keepsMonthPrecision() {
        Person person = cohort.get(0);
        Condition condition = (Condition) person.released().get(3).copy();
        condition.setOnset(new DateTimeType("2023-11"));

        Condition out = DeidentifierTest.first(deidentifier(DeidentificationProfile.defaults().withShift(MAX_SHIFT))
                .deidentify(SyntheticCohort.SERVICE, person.resident(), List.of(condition)).resources(), Condition.class);

        int shift = SyntheticCohort.pseudonyms().shiftDays(SyntheticCohort.SERVICE, person.resident(), MAX_SHIFT);
        assertThat(out.getOnsetDateTimeType().getValueAsString())
                .isEqualTo(LocalDate.of(2023, 11, 1).plusDays(shift).toString().substring(0, 7));
    }

    static List<String> allDateStrings(List<Resource> resources) {
        List<String> texts = new ArrayList<>();
        ca.uhn.fhir.util.FhirTerser terser = ca.uhn.fhir.context.FhirContext.forR4Cached().newTerser();
        for (Resource resource : resources) {
            terser.getAllPopulatedChildElementsOfType(resource, BaseDateTimeType.class)
                    .forEach(date -> texts.add(date.getValueAsString()));
        }
        return texts;
    }
}
