package org.azukari.trustbank.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;

class DataKeyCacheTest {

    private final WrappedKey wrapped = new WrappedKey("local:v1:AAAA");

    @Test
    void get_manyTimesConcurrently_unwrapsOnce() throws Exception {
        DataKeyCache cache = new DataKeyCache(100, Duration.ofMinutes(1));
        ResidentId resident = ResidentId.random();
        AtomicInteger unwraps = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<DataKey>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            calls.add(() -> {
                start.await();
                return cache.get(resident, 1, wrapped, () -> {
                    unwraps.incrementAndGet();
                    return DataKey.generate();
                });
            });
        }
        var futures = calls.stream().map(pool::submit).toList();
        start.countDown();
        for (var future : futures) {
            future.get();
        }
        pool.shutdown();

        assertThat(unwraps).hasValue(1);
    }

    @Test
    void cache_isBoundedInNumber() {
        DataKeyCache cache = new DataKeyCache(50, Duration.ofMinutes(1));
        for (int i = 0; i < 500; i++) {
            cache.get(ResidentId.random(), 1, wrapped, DataKey::generate);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void forget_dropsOnlyThatResidentsKeys() {
        DataKeyCache cache = new DataKeyCache(100, Duration.ofMinutes(1));
        ResidentId alice = ResidentId.random();
        ResidentId bob = ResidentId.random();
        cache.get(alice, 1, wrapped, DataKey::generate);
        cache.get(bob, 1, wrapped, DataKey::generate);
        AtomicInteger unwraps = new AtomicInteger();

        cache.forget(alice);
        cache.get(alice, 1, wrapped, () -> {
            unwraps.incrementAndGet();
            return DataKey.generate();
        });
        cache.get(bob, 1, wrapped, () -> {
            unwraps.incrementAndGet();
            return DataKey.generate();
        });

        assertThat(unwraps).hasValue(1);
    }

    @Test
    void aRewrappedKey_isNeverAnsweredFromTheOldEntry() {
        DataKeyCache cache = new DataKeyCache(100, Duration.ofMinutes(1));
        ResidentId resident = ResidentId.random();
        DataKey first = cache.get(resident, 1, wrapped, DataKey::generate);

        DataKey second = cache.get(resident, 1, new WrappedKey("local:v2:BBBB"), DataKey::generate);

        assertThat(second).isNotSameAs(first);
    }

    @Test
    void dataKey_andWrappedKey_redactThemselves() {
        assertThat(DataKey.generate().toString()).isEqualTo("DataKey[redacted]");
        assertThat(wrapped.toString()).isEqualTo("WrappedKey[v1]");
    }
}
