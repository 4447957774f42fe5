package org.azukari.fhir.server;

import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.azukari.fhir.release.PageTokens;
import org.azukari.fhir.release.Release;
import org.azukari.fhir.release.ReleaseCaller;
import org.azukari.fhir.release.ReleaseQuery;
import org.azukari.fhir.release.ReleaseRefusedException;
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
    final PageTokens pages;
    private final String typeName;

    ReleasingResourceProvider(Class<? extends IBaseResource> type, IngestEndpoint ingest, Release release,
                              ReleaseEndpoint endpoint, PageTokens pages) {
        super(type, ingest);
        this.release = release;
        this.endpoint = endpoint;
        this.pages = pages;
        this.typeName = ca.uhn.fhir.context.FhirContext.forR4Cached().getResourceType(type);
    }

    /** Reads and version reads: the bank keeps only the current version, so any other version is not found. */
    @Read(version = true)
    public IBaseResource read(@IdParam IdType id, RequestDetails request) {
        ReleaseCaller caller = endpoint.caller(request, typeName, 'r');
        Resource resource = endpoint.release(request, () -> release.read(caller, typeName, id.getIdPart()),
                Resource.class);
        if (id.hasVersionIdPart() && !id.getVersionIdPart().equals(resource.getMeta().getVersionId())) {
            request.getUserData().remove(ReleaseEndpoint.FACTS);
            throw ReleaseEndpoint.hapi(ReleaseRefusedException.notFound());
        }
        return resource;
    }

    /** {@code GET {type}/{id}/_history}: the one version the bank keeps, if it is released. */
    @History
    public IBundleProvider history(@IdParam IdType id, RequestDetails request) {
        ReleaseCaller caller = endpoint.caller(request, typeName, 'r');
        Resource resource = endpoint.release(request, () -> release.read(caller, typeName, id.getIdPart()),
                Resource.class);
        return new SimpleBundleProvider(resource);
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
            query = ReleaseEndpoint.run(() -> ReleaseQuery.parseCanonical(typeName, page.canonical()));
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
