package org.azukari.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.RequestDetails;
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
            throw ReleaseEndpoint.hapi(ReleaseQuery.badRequestFor("history is not released; read the current version"));
        }
        ReleaseCaller caller = endpoint.caller(request, "Patient", 'r');
        RecipientPseudonym pseudonym = pseudonym(id);
        return endpoint.release(request, () -> release.readPatient(caller, pseudonym), Patient.class);
    }

    @Operation(name = "$everything", idempotent = true)
    public Bundle everything(@IdParam IdType id, RequestDetails request) {
        ReleaseCaller caller = endpoint.caller(request, "Patient", 'r');
        RecipientPseudonym pseudonym = pseudonym(id);
        return endpoint.release(request, () -> release.everything(caller, pseudonym, request.getFhirServerBase()),
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
