package org.azukari.ui.clinic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.azukari.ui.records.PlainWords;
import org.azukari.ui.records.RecordView;
import org.azukari.ui.web.Dates;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * What one release returned, in plain words for the page: the Patient (name, birth date, gender)
 * and the matched records, newest clinical time first. Directory resources the release cited
 * (organisations, practitioners) are not records of the resident and are not listed. Nothing is
 * added that the release did not return.
 */
record SharedRecords(Optional<Row> patient, List<Row> records, Completeness completeness) {

    /**
     * Whether the release left records out because their stored content could not be read (its
     * {@code outcome} warning, FG-0720): the page then says so, naming nothing.
     */
    enum Completeness { COMPLETE, SOME_LEFT_OUT }

    /**
     * One record: a message key for its kind ({@code clinic.type.*}, the clinician's names) and its
     * facts labelled with the portal's keys ({@code record.fact.*}).
     */
    record Row(String type, String typeKey, String date, String title, String value, String range,
               List<RecordView.Fact> facts, String source) {
    }

    static SharedRecords of(Bundle bundle, Dates dates) {
        Optional<Row> patient = Optional.empty();
        List<RecordView> views = new ArrayList<>();
        Completeness completeness = bundle.getEntry().stream()
                .anyMatch(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
                ? Completeness.SOME_LEFT_OUT : Completeness.COMPLETE;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null || entry.getSearch().getMode() != Bundle.SearchEntryMode.MATCH) {
                continue;
            }
            if (resource instanceof Patient) {
                patient = Optional.of(row(PlainWords.describe(resource), dates));
            } else {
                views.add(PlainWords.describe(resource));
            }
        }
        List<Row> rows = views.stream()
                .sorted(Comparator.comparing((RecordView v) -> v.when().orElse(Instant.MIN)).reversed())
                .map(view -> row(view, dates)).toList();
        return new SharedRecords(patient, rows, completeness);
    }

    private static Row row(RecordView view, Dates dates) {
        return new Row(view.type(), "clinic.type." + view.type(), view.when().map(dates::day).orElse(""),
                view.title(), view.value().orElse(""), view.range().orElse(""), view.facts(),
                view.source().orElse(""));
    }
}
