package org.azukari.fhir.pull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.azukari.fhir.ingest.Ingest;
import org.azukari.fhir.ingest.IngestResult;
import org.azukari.fhir.ingest.IngestSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * A stand-in for the bank's ingest, behind the real interface: keeps every resource version it
 * was handed, once, keyed by {@code type/id/_history/versionId} (a version it holds comes back
 * "unchanged", as the real ingest promises), and every delivery in order, duplicates included.
 * {@link #afterEachBundle} runs after each bundle is kept: the tests' page hook.
 */
final class RecordingIngest implements Ingest {

    private final Map<String, Resource> kept = new LinkedHashMap<>();
    private final List<String> deliveries = new ArrayList<>();
    private final List<IngestSource> sources = new ArrayList<>();
    private int bundles;
    private volatile IntConsumer afterEachBundle = bundle -> { };

    static String key(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart() + "/_history/"
                + resource.getMeta().getVersionId();
    }

    @Override
    public IngestResult ingest(IngestSource source, Resource input, String requestId) {
        int created = 0;
        int unchanged = 0;
        synchronized (this) {
            Bundle bundle = (Bundle) input;
            if (bundle.getType() != Bundle.BundleType.COLLECTION) {
                throw new IllegalStateException("the puller hands over collection bundles");
            }
            sources.add(source);
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                String key = key(entry.getResource());
                deliveries.add(key);
                if (kept.putIfAbsent(key, entry.getResource()) == null) {
                    created++;
                } else {
                    unchanged++;
                }
            }
            bundles++;
        }
        afterEachBundle.accept(bundles);
        return new IngestResult(new Bundle(), new OperationOutcome(), created, unchanged);
    }

    void afterEachBundle(IntConsumer hook) {
        this.afterEachBundle = hook;
    }

    synchronized List<String> keptKeys() {
        return List.copyOf(kept.keySet());
    }

    synchronized List<String> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized List<IngestSource> sources() {
        return List.copyOf(sources);
    }

    synchronized void forget() {
        kept.clear();
        deliveries.clear();
        sources.clear();
        bundles = 0;
    }
}
