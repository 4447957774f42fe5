package org.azukari.consent.api;

import java.util.Set;

/**
 * A resident's never-share marks (要配慮個人情報 and anything else they want kept back): kinds of
 * data that no consent releases, and no emergency access either. Changes are written to the
 * access log in the same transaction, like consent changes.
 */
public interface NeverShare {

    Set<ConsentCategory> marks(ResidentId resident);

    /** Replaces the resident's marks with {@code marks} (empty clears them all). */
    Set<ConsentCategory> replace(ResidentId resident, Set<ConsentCategory> marks, AccessActor actor);

    Set<ConsentCategory> mark(ResidentId resident, ConsentCategory category, AccessActor actor);

    Set<ConsentCategory> clear(ResidentId resident, ConsentCategory category, AccessActor actor);
}
