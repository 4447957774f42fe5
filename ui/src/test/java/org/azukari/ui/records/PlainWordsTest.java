package org.azukari.ui.records;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class PlainWordsTest {

    private static Resource parse(String json) {
        return (Resource) FhirContext.forR4Cached().newJsonParser().parseResource(json);
    }

    @Test
    void anObservation_readsAsItsTextValueUnitAndReferenceRange_withItsSource() {
        RecordView view = PlainWords.describe(parse("{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"meta\":{\"source\":\"urn:azukari:source:hosp-1#Observation/x\"},"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\",\"display\":\"Hemoglobin A1c\"}],"
                + "\"text\":\"HbA1c\"},\"effectiveDateTime\":\"2026-05-20\",\"valueQuantity\":{\"value\":7.20,\"unit\":\"%\"},"
                + "\"referenceRange\":[{\"low\":{\"value\":4.6,\"unit\":\"%\"},\"high\":{\"value\":6.2,\"unit\":\"%\"}}]}"));

        assertThat(view.title()).isEqualTo("HbA1c");
        assertThat(view.value()).contains("7.2 %");
        assertThat(view.range()).contains("4.6–6.2 %");
        assertThat(view.source()).contains("hosp-1");
        assertThat(view.when()).isPresent();
    }

    @Test
    void bloodPressure_readsAsSystolicOverDiastolic() {
        RecordView view = PlainWords.describe(parse("{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"code\":{\"text\":\"Blood pressure\"},\"component\":["
                + "{\"code\":{\"text\":\"Systolic\"},\"valueQuantity\":{\"value\":128,\"unit\":\"mmHg\"}},"
                + "{\"code\":{\"text\":\"Diastolic\"},\"valueQuantity\":{\"value\":82,\"unit\":\"mmHg\"}}]}"));

        assertThat(view.value()).contains("128/82 mmHg");
    }

    @Test
    void aCodeWithoutTextOrDisplay_fallsBackToTheCode_andAnUnknownKindKeepsItsType() {
        RecordView view = PlainWords.describe(parse("{\"resourceType\":\"ServiceRequest\",\"status\":\"active\","
                + "\"intent\":\"order\",\"subject\":{\"reference\":\"Patient/p\"},"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]}}"));

        assertThat(view.type()).isEqualTo("ServiceRequest");
        assertThat(view.title()).isEqualTo("4548-4");
        assertThat(view.source()).isEmpty();
    }

    @Test
    void aCondition_saysItsClinicalStatus() {
        RecordView view = PlainWords.describe(parse("{\"resourceType\":\"Condition\",\"clinicalStatus\":{\"coding\":[{"
                + "\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},"
                + "\"code\":{\"coding\":[{\"display\":\"Type 2 diabetes mellitus\"}]},\"subject\":{\"reference\":\"Patient/p\"}}"));

        assertThat(view.title()).isEqualTo("Type 2 diabetes mellitus");
        assertThat(view.facts()).contains(new RecordView.Fact("record.fact.clinicalStatus", "active"));
    }

    @Test
    void charts_takeOnlySeriesMeasuredTwice_fullestFirst_withTheReferenceRangeAsABand() {
        java.time.Instant day = java.time.Instant.parse("2026-01-01T00:00:00Z");
        List<Measurement> measurements = List.of(
                new Measurement("a1c", "HbA1c", day, List.of(6.4), List.of(), "%", Optional.of(4.6), Optional.of(6.2)),
                new Measurement("a1c", "HbA1c", day.plusSeconds(86_400 * 90), List.of(7.2), List.of(), "%", Optional.of(4.6),
                        Optional.of(6.2)),
                new Measurement("a1c", "HbA1c", day.plusSeconds(86_400 * 180), List.of(6.9), List.of(), "%", Optional.empty(),
                        Optional.empty()),
                new Measurement("bp", "Blood pressure", day, List.of(128.0, 82.0), List.of("Systolic", "Diastolic"), "mmHg", Optional.empty(),
                        Optional.empty()),
                new Measurement("bp", "Blood pressure", day.plusSeconds(86_400), List.of(134.0, 86.0), List.of("Systolic", "Diastolic"), "mmHg",
                        Optional.empty(), Optional.empty()),
                new Measurement("once", "Once", day, List.of(1.0), List.of(), "", Optional.empty(), Optional.empty()));

        List<Chart> charts = Chart.of(measurements, ZoneId.of("Asia/Tokyo"), 12);

        assertThat(charts).extracting(Chart::label).containsExactly("HbA1c", "Blood pressure");
        assertThat(charts.get(0).band()).hasValueSatisfying(b -> assertThat(b.text()).isEqualTo("4.6–6.2 %"));
        assertThat(charts.get(1).lines()).extracting(Chart.Line::name).containsExactly("Systolic", "Diastolic");
        assertThat(charts.get(1).rows()).extracting(Chart.Row::value).containsExactly("128/82 mmHg", "134/86 mmHg");
        assertThat(charts.get(0).yTicks()).extracting(Chart.Tick::text).allMatch(t -> t.matches("\\d+(\\.\\d)?"));
    }

    @Test
    void aLongSeries_drawsItsLatestHundredPoints_andSaysHowManyThereAre() {
        java.time.Instant day = java.time.Instant.parse("2016-01-01T00:00:00Z");
        List<Measurement> many = java.util.stream.IntStream.range(0, 1500).mapToObj(i -> new Measurement("w",
                "Weight", day.plusSeconds(86_400L * i), List.of(60.0 + i % 5), List.of(), "kg", Optional.empty(),
                Optional.empty())).toList();

        Chart chart = Chart.of(many, ZoneId.of("Asia/Tokyo"), 12).get(0);

        assertThat(chart.count()).isEqualTo(Chart.MAX_POINTS);
        assertThat(chart.total()).isEqualTo(1500);
        assertThat(chart.rows().get(chart.rows().size() - 1).date()).isEqualTo("2020-02-08");
    }

    @Test
    void niceSteps_areOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Chart.niceStep(16.2)).isEqualTo(20);
        assertThat(Chart.niceStep(0.33)).isEqualTo(0.5);
        assertThat(Chart.niceStep(4.0)).isEqualTo(5);
        assertThat(Chart.niceStep(0.1)).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    }
}
