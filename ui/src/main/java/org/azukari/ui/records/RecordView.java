package org.azukari.ui.records;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A record in plain words, for a person rather than a machine: what it is (its title, in the
 * words the source used), when, its main value, and labelled facts. Labels are message keys
 * ({@code record.fact.*}), so the page says them in the reader's language.
 *
 * @param type the FHIR resource type (its name is a message key too: {@code record.type.*})
 * @param when the clinical time (effective, onset, authored, period start, …), if the record has one
 * @param value the main value in words ("7.2 %", "120/80 mmHg", "positive"), if any
 * @param range the reference range the source gave ("4.6–6.2 %"), if any
 * @param source the organisation id the record came from, if known
 */
public record RecordView(String type, Optional<Instant> when, String title, Optional<String> value,
                         Optional<String> range, List<Fact> facts, Optional<String> source) {

    /** One labelled fact ("Status: active"). */
    public record Fact(String label, String value) {
    }
}
