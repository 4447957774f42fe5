package org.azukari.fhir.release;

import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;

/** The reverse of {@link Pseudonyms#of}: which resident a recipient's pseudonym names, once a share code introduced them. */
public interface PseudonymDirectory {

    /** Remembers the pair; remembering it again is a no-op. */
    void remember(String recipient, RecipientPseudonym pseudonym, ResidentId resident);

    Optional<ResidentId> resolve(String recipient, RecipientPseudonym pseudonym);

    /** Every resident introduced to this recipient (for reads by record id). */
    List<ResidentId> residentsOf(String recipient);
}
