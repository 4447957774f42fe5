package org.azukari.fhir.pull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.azukari.fhir.ingest.DroppedElements;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the pulls' lenient parser dropped from a source's pages (an element FHIR R4 does not
 * define): the same FG-0214 warning a push gets, here counted for the source since nobody waits
 * for the answer. The parser flags, per pulling thread, that it dropped something; each JSON
 * answer's body is kept while it is parsed, and only when something was dropped is each entry
 * parsed again on its own to name its resource. The common case costs one copy of the page.
 */
@Interceptor
final class DroppedFromPages extends LenientErrorHandler {

    private static final class Fetch {
        byte[] body;
        boolean dropped;
    }

    private static final ThreadLocal<Fetch> FETCH = new ThreadLocal<>();

    DroppedFromPages() {
        super(false);
    }

    /** Makes {@code fhir}'s parsers report to this (the context is the pulls' own). */
    void reportFrom(FhirContext fhir) {
        fhir.setParserErrorHandler(this);
    }

    @Override
    public void unknownElement(IParseLocation location, String name) {
        flag();
    }

    @Override
    public void unknownAttribute(IParseLocation location, String name) {
        flag();
    }

    private static void flag() {
        Fetch fetch = FETCH.get();
        if (fetch != null) {
            fetch.dropped = true;
        }
    }

    /** Keeps a JSON answer's body (buffered, so that the client's parser reads it again). */
    @Hook(Pointcut.CLIENT_RESPONSE)
    public void keepTheBody(IHttpResponse response) throws IOException {
        Fetch fetch = FETCH.get();
        String type = response.getMimeType();
        if (fetch == null || type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return;
        }
        response.bufferEntity();
        try (InputStream body = response.readEntity()) {
            fetch.body = body.readAllBytes();
        }
    }

    /**
     * Fetches a page through {@code fetch}, and names, by the resource object of each entry, the
     * elements parsing dropped from it (into {@code droppedByResource}).
     */
    Bundle fetch(Supplier<Bundle> fetch, FhirContext fhir, Map<Resource, List<String>> droppedByResource) {
        Fetch current = new Fetch();
        FETCH.set(current);
        try {
            Bundle page = fetch.get();
            if (current.dropped && current.body != null) {
                for (DroppedElements.Dropped found : DroppedElements.perEntry(fhir, current.body)) {
                    if (found.entry() < page.getEntry().size() && page.getEntry().get(found.entry()).getResource() != null) {
                        droppedByResource.computeIfAbsent(page.getEntry().get(found.entry()).getResource(),
                                resource -> new ArrayList<>()).add(found.element());
                    }
                }
            }
            return page;
        } finally {
            FETCH.remove();
        }
    }

    /** A map keyed by resource identity, as {@link #fetch} fills it. */
    static Map<Resource, List<String>> byResource() {
        return new IdentityHashMap<>();
    }
}
