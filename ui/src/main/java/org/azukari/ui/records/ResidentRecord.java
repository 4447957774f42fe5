package org.azukari.ui.records;

import java.time.Instant;
import java.util.Optional;
import org.azukari.consent.api.DataCategory;

/**
 * One of the resident's own records as the portal shows it: the bank's id and category, when the
 * bank took it, the record in plain words, the source's display name, and — for measurements — the
 * numbers a chart needs.
 */
public record ResidentRecord(String id, DataCategory category, Instant storedAt, RecordView view,
                             Optional<String> sourceName, Optional<Measurement> measurement) {

    /** The clinical time when the record has one, else when the bank took it. */
    public Instant time() {
        return view.when().orElse(storedAt);
    }
}
