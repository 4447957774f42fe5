package org.azukari.trustbank.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Supplier;
import org.azukari.consent.api.ResidentId;

/**
 * Unwrapped data keys, bounded in number and in time, so that a bundle of many records
 * costs one vault call per resident. Keyed by the wrapped form as well, so a rewrap or an
 * erasure can never be answered from a stale entry. Concurrent misses for one key make
 * one vault call (Caffeine computes each entry once).
 */
public final class DataKeyCache {

    private record Entry(ResidentId resident, int generation, WrappedKey wrapped) {
    }

    private final Cache<Entry, DataKey> cache;

    public DataKeyCache(long maximumKeys, Duration timeToLive) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumKeys).expireAfterWrite(timeToLive).build();
    }

    public DataKey get(ResidentId resident, int generation, WrappedKey wrapped, Supplier<DataKey> unwrap) {
        return cache.get(new Entry(resident, generation, wrapped), entry -> unwrap.get());
    }

    public void forget(ResidentId resident) {
        cache.asMap().keySet().removeIf(entry -> entry.resident().equals(resident));
    }

    public void forgetAll() {
        cache.invalidateAll();
    }

    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
