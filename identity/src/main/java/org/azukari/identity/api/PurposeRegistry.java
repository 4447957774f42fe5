package org.azukari.identity.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.azukari.consent.api.Purpose;

/**
 * The purpose catalogue: each purpose code with the words a resident is asked in, Japanese and
 * English. Organisations may only list purposes defined here.
 */
public interface PurposeRegistry {

    List<Entry> purposes();

    Optional<Entry> find(Purpose purpose);

    /** Defines a new purpose; an existing code is refused ({@code ID-0215}). */
    Entry define(Entry entry);

    /** A purpose and its labels. */
    record Entry(Purpose purpose, String labelJa, String labelEn) {

        public static final int MAX_LABEL = 200;

        public Entry {
            Objects.requireNonNull(purpose);
            if (!wellFormed(labelJa) || !wellFormed(labelEn)) {
                throw new OrganisationRegistryException(OrganisationRegistryException.MALFORMED_LABEL,
                        "malformed purpose label");
            }
        }

        /** Japanese for {@code ja}, English otherwise. */
        public String label(Locale locale) {
            return "ja".equals(locale.getLanguage()) ? labelJa : labelEn;
        }

        private static boolean wellFormed(String label) {
            return label != null && !label.isBlank() && label.length() <= MAX_LABEL
                    && label.chars().noneMatch(Character::isISOControl);
        }
    }
}
