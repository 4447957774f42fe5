package org.azukari.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.azukari.fhir.release.PageTokens;
import org.azukari.fhir.release.Release;
import org.azukari.fhir.release.ReleaseCaller;
import org.azukari.fhir.release.ReleaseQuery;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * One record type's provider: the writes of {@link IngestResourceProvider}, and for clinics
 * {@code GET {type}/{id}} and {@code GET {type}?patient=...} through the release. HAPI's own
 * parameter handling is bypassed on purpose ({@code allowUnknownParams}): {@link ReleaseQuery}
 * takes the few parameters it supports and refuses every other one with 400.
 */
class ReleasingResourceProvider extends IngestResourceProvider {

    static final String PAGE_TOKEN = "_page_token";

    final Release release;
    final ReleaseEndpoint endpoint;
    private final PageTokens pages;
    private final String typeName;

    ReleasingResourceProvider(Class<? extends IBaseResource> type, IngestEndpoint ingest, Release release,
                              ReleaseEndpoint endpoint, PageTokens pages) {
        super(type, ingest);
        this.release = release;
        this.endpoint = endpoint;
        this.pages = pages;
        this.typeName = ca.uhn.fhir.context.FhirContext.forR4Cached().getResourceType(type);
    }

    @Read
    public IBaseResource read(@IdParam IdType id, RequestDetails request) {
        if (id.hasVersionIdPart()) {
            throw ReleaseEndpoint.hapi(ReleaseQuery.badRequestFor("history is not released; read the current version"));
        }
        ReleaseCaller caller = endpoint.caller(request, typeName, 'r');
        return endpoint.release(request, () -> release.read(caller, typeName, id.getIdPart()), Resource.class);
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        ReleaseCaller caller = endpoint.caller(request, typeName, 's');
        Map<String, String[]> parameters = request.getParameters();
        ReleaseQuery query;
        int offset;
        if (parameters.containsKey(PAGE_TOKEN)) {
            if (parameters.size() != 1 || parameters.get(PAGE_TOKEN).length != 1) {
                throw ReleaseEndpoint.hapi(ReleaseQuery.badRequestFor("a page token comes alone"));
            }
            PageTokens.Page page = ReleaseEndpoint.run(() -> pages.open(caller, typeName, parameters.get(PAGE_TOKEN)[0]));
            query = page.query();
            offset = page.offset();
        } else {
            query = ReleaseEndpoint.run(() -> ReleaseQuery.parse(typeName, parameters));
            offset = 0;
        }
        String base = request.getFhirServerBase();
        ReleaseQuery asked = query;
        return endpoint.release(request, () -> release.search(caller, asked, offset, next -> base + "/" + typeName + "?"
                + PAGE_TOKEN + "=" + URLEncoder.encode(pages.next(caller, asked, next), StandardCharsets.UTF_8), base),
                Bundle.class);
    }
}
