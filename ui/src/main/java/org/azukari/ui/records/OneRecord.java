package org.azukari.ui.records;

/** One of the resident's own records: shown in plain words, or there but its content could not be parsed. */
public sealed interface OneRecord {

    record Shown(ResidentRecord record) implements OneRecord {
    }

    /** The record exists but cannot be shown; only its bank id and what the custody index knows. */
    record NotShown(String id) implements OneRecord {
    }
}
