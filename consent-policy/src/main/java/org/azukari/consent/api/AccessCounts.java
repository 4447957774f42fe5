package org.azukari.consent.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an access touched, as the access log records it: resource type → number of resources, and
 * the data categories among them. Counted here once for every path that logs (release, export,
 * ingest, download), so each writes the same sorted form into the hash chain.
 */
public final class AccessCounts {

    private final TreeMap<String, Integer> resourceCounts = new TreeMap<>();
    private final Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);

    /** Nothing touched (a refusal before any record, a share-code exchange, a failure note). */
    public static AccessCounts none() {
        return new AccessCounts();
    }

    /** One resource of {@code resourceType} in {@code category}. */
    public AccessCounts add(String resourceType, DataCategory category) {
        resourceCounts.merge(resourceType, 1, Integer::sum);
        categories.add(category);
        return this;
    }

    /** One resource of {@code resourceType} that carries no category of its own (e.g. the Patient). */
    public AccessCounts add(String resourceType) {
        resourceCounts.merge(resourceType, 1, Integer::sum);
        return this;
    }

    public SortedMap<String, Integer> resourceCounts() {
        return Collections.unmodifiableSortedMap(resourceCounts);
    }

    public Set<DataCategory> categories() {
        return Collections.unmodifiableSet(categories);
    }
}
