package org.azukari.fhir.release;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import org.azukari.consent.api.ConsentVersionRef;
import org.azukari.consent.api.ResidentId;

/** What a receipt says of one release, apart from the body's hash: filled in by the release, signed at the edge. */
public record ReceiptFacts(ResidentId resident, ReleaseCaller caller, List<ConsentVersionRef> reliedOn,
                           SortedSet<String> categories, int resourceCount, boolean emergency) {

    public ReceiptFacts {
        Objects.requireNonNull(resident);
        Objects.requireNonNull(caller);
        reliedOn = List.copyOf(reliedOn);
        categories = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(categories));
    }
}
