package org.azukari.fhir.pull;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.SearchStyleEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IQuery;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Supplier;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * One conversation with a source's FHIR server. Every call asks past the server's search cache
 * ({@code Cache-Control: no-cache}); every failure becomes a {@link PullFailure} with a code and
 * the HTTP status at most, never the server's words (an OperationOutcome may quote a record).
 *
 * <p>Paging follows the server's {@code next} links, but only within the source's own origin and
 * base path: a link elsewhere would carry the source's credential to another host (FG-0614).
 */
final class Upstream {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final IGenericClient client;
    private final URI base;
    private final DroppedFromPages dropped;
    private Map<Resource, List<String>> droppedFromLastPage = Map.of();

    /** {@code dropped} must be registered on {@code client} and report from its context ({@link Upstreams#open}). */
    Upstream(IGenericClient client, URI base, DroppedFromPages dropped) {
        this.client = client;
        this.base = base;
        this.dropped = dropped;
    }

    /** The elements parsing dropped from this resource of the last page fetched (FG-0214); none in the common case. */
    List<String> droppedFrom(Resource resource) {
        return droppedFromLastPage.getOrDefault(resource, List.of());
    }

    /**
     * The one Patient with this identifier, and its {@code fullUrl}. Asked with
     * {@code POST Patient/_search} so that the MRN travels in the body and never in a URL (which
     * the source's access logs, proxies and this client's own debug log would keep).
     */
    Bundle.BundleEntryComponent findPatient(UpstreamIdentifier identifier) {
        Bundle found = call(() -> client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(identifier.system(), identifier.value()))
                .usingStyle(SearchStyleEnum.POST)
                .returnBundle(Bundle.class).withAdditionalHeader("Cache-Control", "no-cache").execute());
        List<Bundle.BundleEntryComponent> patients = found.getEntry().stream()
                .filter(entry -> entry.getResource() instanceof Patient)
                .filter(entry -> !entry.hasSearch() || entry.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE)
                .toList();
        if (patients.isEmpty()) {
            throw new PullFailure(FhirGatewayError.FG_0612, "the source has no patient with the linked identifier");
        }
        if (patients.size() > 1 || found.getLink(Bundle.LINK_NEXT) != null) {
            throw new PullFailure(FhirGatewayError.FG_0613,
                    "the linked identifier matches several patients at the source");
        }
        return patients.get(0);
    }

    /**
     * The first page of {@code <type>?patient=Patient/<id>&_lastUpdated=ge<since>&_include=*&_count=<n>}
     * ({@code _lastUpdated} only when there is a mark). {@code _include=*} brings the
     * practitioners, organisations, locations and medications the records cite, so that they
     * resolve in the bank as they did at the source. Not {@code Patient/<id>/$everything}: its
     * {@code _since} is optional in the specification, and HAPI FHIR's JPA server (8.6) accepts
     * {@code _since} and {@code _lastUpdated} there and ignores both (hapi-fhir issue 8039), so a
     * delta pull would fetch the whole record every time.
     */
    Bundle changes(String resourceType, IdType patient, Optional<Instant> since, int count) {
        IQuery<Bundle> query = client.search().forResource(resourceType)
                .where(new ReferenceClientParam("patient").hasId(patient.toUnqualifiedVersionless().getValue()))
                .include(new ca.uhn.fhir.model.api.Include("*"))
                .count(count).returnBundle(Bundle.class);
        if (since.isPresent()) {
            String instant = new InstantType(Date.from(since.get()), TemporalPrecisionEnum.MILLI, UTC).getValueAsString();
            query = query.lastUpdated(new DateRangeParam(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, instant), null));
        }
        IQuery<Bundle> asked = query;
        return page(() -> asked.withAdditionalHeader("Cache-Control", "no-cache").execute());
    }

    /** The page after {@code page}, if the server says there is one. */
    Optional<Bundle> next(Bundle page) {
        Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
        if (next == null || !next.hasUrl()) {
            return Optional.empty();
        }
        if (!withinBase(next.getUrl())) {
            throw new PullFailure(FhirGatewayError.FG_0614, "the source's next-page link leaves its base URL");
        }
        return Optional.of(page(() -> client.loadPage().next(page)
                .withAdditionalHeader("Cache-Control", "no-cache").execute()));
    }

    /** A page of records: what parsing dropped from it is kept until the next page. */
    private Bundle page(Supplier<Bundle> request) {
        Map<Resource, List<String>> found = DroppedFromPages.byResource();
        Bundle page = call(() -> dropped.fetch(request, client.getFhirContext(), found));
        droppedFromLastPage = found;
        return page;
    }

    boolean withinBase(String link) {
        try {
            URI uri = new URI(link);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String basePath = base.getRawPath() == null ? "" : base.getRawPath();
            return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals(base.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null && uri.getHost().equalsIgnoreCase(base.getHost())
                    && effectivePort(uri) == effectivePort(base) && uri.getRawUserInfo() == null
                    && (path.equals(basePath) || path.startsWith(basePath + "/"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Translates the client's exceptions; their messages may quote the server and are dropped. */
    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (FhirClientConnectionException e) {
            throw new PullFailure(FhirGatewayError.FG_0610, "the source's FHIR server could not be reached");
        } catch (BaseServerResponseException e) {
            throw new PullFailure(FhirGatewayError.FG_0611,
                    "the source's FHIR server answered HTTP " + e.getStatusCode());
        } catch (DataFormatException e) {
            throw new PullFailure(FhirGatewayError.FG_0615, "the source's answer is not readable FHIR");
        }
    }
}
