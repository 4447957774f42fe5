package org.azukari.fhir.release;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.ConsentVersionRef;
import org.azukari.consent.api.ResidentId;

/**
 * What a receipt says of one release, apart from the body's hash: filled in by the release, signed
 * at the edge. {@code action} is the access-log action of the release's entry, for the entry that
 * follows it if no receipt can be issued.
 */
public record ReceiptFacts(ResidentId resident, ReleaseCaller caller, AccessAction action,
                           List<ConsentVersionRef> reliedOn, SortedSet<String> categories, int resourceCount,
                           boolean emergency) {

    public ReceiptFacts {
        Objects.requireNonNull(resident);
        Objects.requireNonNull(caller);
        Objects.requireNonNull(action);
        reliedOn = List.copyOf(reliedOn);
        categories = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(categories));
    }
}
