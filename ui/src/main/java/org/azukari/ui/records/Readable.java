package org.azukari.ui.records;

import java.util.List;

/**
 * What could be read of a resident's records: those that could be shown, and the bank ids of those
 * whose content could not be parsed (left out and counted for the resident, never quoted).
 */
public record Readable<T>(List<T> records, List<String> unreadable) {

    public Readable {
        records = List.copyOf(records);
        unreadable = List.copyOf(unreadable);
    }

    /** How many records could not be shown: the "N records could not be shown" of every page that reads them. */
    public int unreadableCount() {
        return unreadable.size();
    }
}
