package org.azukari.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.azukari.fhir.release.EverythingQuery;
import org.azukari.fhir.release.PageTokens;
import org.azukari.fhir.release.RecipientPseudonym;
import org.azukari.fhir.release.Release;
import org.azukari.fhir.release.ReleaseCaller;
import org.azukari.fhir.release.ReleaseQuery;
import org.azukari.fhir.release.ReleaseRefusedException;
import org.azukari.fhir.release.ShareCodeExchange;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * Patient for clinics: {@code GET Patient/{pseudonym}}, {@code GET Patient/{pseudonym}/$everything},
 * and {@code POST Patient/$exchange-share-code} (a Parameters body with {@code code}), which
 * introduces a resident to the clinic under the clinic's own pseudonym.
 */
final class PatientProvider extends ReleasingResourceProvider {

    private final ShareCodeExchange exchange;

    PatientProvider(IngestEndpoint ingest, Release release, ReleaseEndpoint endpoint, PageTokens pages,
                    ShareCodeExchange exchange) {
        super(Patient.class, ingest, release, endpoint, pages);
        this.exchange = exchange;
    }

    @Override
    @Read
    public IBaseResource read(@IdParam IdType id, RequestDetails request) {
        if (id.hasVersionIdPart()) {
            throw ReleaseEndpoint.hapi(ReleaseQuery.badRequestFor("a clinic's Patient has no versions; read it without one"));
        }
        ReleaseCaller caller = endpoint.caller(request, "Patient", 'r');
        RecipientPseudonym pseudonym = pseudonym(id);
        return endpoint.release(request, () -> release.readPatient(caller, pseudonym), Patient.class);
    }

    /** Paged like a search: the next link carries a page token bound to this clinic, purpose and patient. */
    @Operation(name = "$everything", idempotent = true)
    public Bundle everything(@IdParam IdType id, RequestDetails request) {
        ReleaseCaller caller = endpoint.caller(request, "Patient", 'r');
        RecipientPseudonym pseudonym = pseudonym(id);
        Map<String, String[]> parameters = request.getParameters();
        EverythingQuery query;
        int offset;
        if (parameters.containsKey(PAGE_TOKEN)) {
            if (parameters.size() != 1 || parameters.get(PAGE_TOKEN).length != 1) {
                throw ReleaseEndpoint.hapi(ReleaseQuery.badRequestFor("a page token comes alone"));
            }
            PageTokens.Page page = ReleaseEndpoint.run(() -> pages.open(caller, EverythingQuery.SCOPE,
                    parameters.get(PAGE_TOKEN)[0]));
            query = ReleaseEndpoint.run(() -> EverythingQuery.parseCanonical(pseudonym, page.canonical()));
            offset = page.offset();
        } else {
            query = ReleaseEndpoint.run(() -> EverythingQuery.parse(pseudonym, parameters));
            offset = 0;
        }
        String base = request.getFhirServerBase();
        EverythingQuery asked = query;
        return endpoint.release(request, () -> release.everything(caller, asked, offset, next -> base + "/Patient/"
                + pseudonym.value() + "/$everything?" + PAGE_TOKEN + "=" + URLEncoder.encode(
                pages.next(caller, EverythingQuery.SCOPE, asked.canonical(), next), StandardCharsets.UTF_8), base),
                Bundle.class);
    }

    @Operation(name = "$exchange-share-code")
    public Patient exchangeShareCode(@OperationParam(name = "code", min = 1, max = 1) StringType code,
                                     RequestDetails request) {
        ReleaseCaller caller = endpoint.caller(request, "Patient", 'r');
        return ReleaseEndpoint.run(() -> exchange.exchange(caller, code == null ? null : code.getValue()));
    }

    private static RecipientPseudonym pseudonym(IdType id) {
        if (!RecipientPseudonym.wellFormed(id.getIdPart())) {
            throw ReleaseEndpoint.hapi(ReleaseRefusedException.notFound());
        }
        return new RecipientPseudonym(id.getIdPart());
    }
}
