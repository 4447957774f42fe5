package org.azukari.ui.portal.activity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One access-log entry as the resident reads it: when, who (kind and organisation), what (action,
 * kinds and counts of records, categories), why (purpose and reason), the decision, emergency,
 * and the receipt or dataset it belongs to. Ids and codes only; names come from the registries.
 * {@code emergencyOpening}: the entry is the opening of an emergency access itself (what the
 * month's count of emergency accesses counts; releases under an opening are flagged
 * {@code emergency} but are not more openings).
 */
public record ActivityRow(Instant at, String action, String actorKind, Optional<String> organisation,
                          Optional<String> organisationName, Optional<String> purpose, Optional<String> purposeLabel,
                          List<String> categories, String resources, String decision, String reason,
                          boolean emergency, Optional<String> receipt, Optional<String> datasetTitle,
                          boolean emergencyOpening) {

    public boolean permitted() {
        return "PERMIT".equals(decision);
    }
}
