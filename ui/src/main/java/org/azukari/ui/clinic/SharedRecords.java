package org.azukari.ui.clinic;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.azukari.ui.records.PlainWords;
import org.azukari.ui.records.RecordView;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * What one release returned, in plain words for the page: the Patient (name, birth date, gender)
 * and the matched records, newest clinical time first. Directory resources the release cited
 * (organisations, practitioners) are not records of the resident and are not listed. Nothing is
 * added that the release did not return.
 */
record SharedRecords(Optional<Row> patient, List<Row> records) {

    static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZONE);

    /** One record: a message key for its kind ({@code clinic.type.*}) and fact labels ({@code clinic.fact.*}). */
    record Row(String type, String typeKey, String date, String title, String value, String range, List<Fact> facts,
               String source) {
    }

    /** A labelled fact; {@code key} is a message key of the clinic bundle. */
    record Fact(String key, String name, String value) {
    }

    static SharedRecords of(Bundle bundle) {
        Optional<Row> patient = Optional.empty();
        List<RecordView> views = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null || entry.getSearch().getMode() != Bundle.SearchEntryMode.MATCH) {
                continue;
            }
            if (resource instanceof Patient) {
                patient = Optional.of(row(PlainWords.describe(resource)));
            } else {
                views.add(PlainWords.describe(resource));
            }
        }
        List<Row> rows = views.stream()
                .sorted(Comparator.comparing((RecordView v) -> v.when().orElse(Instant.MIN)).reversed())
                .map(SharedRecords::row).toList();
        return new SharedRecords(patient, rows);
    }

    private static Row row(RecordView view) {
        List<Fact> facts = view.facts().stream().map(f -> {
            String name = f.label().startsWith("record.fact.") ? f.label().substring("record.fact.".length())
                    : f.label();
            return new Fact("clinic.fact." + name, name, f.value());
        }).toList();
        return new Row(view.type(), "clinic.type." + view.type(), view.when().map(DAY::format).orElse(""),
                view.title(), view.value().orElse(""), view.range().orElse(""), facts, view.source().orElse(""));
    }
}
