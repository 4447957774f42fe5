package org.azukari.fhir.server;

import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.azukari.fhir.release.RecipientConsents;
import org.azukari.fhir.release.RecipientPseudonym;
import org.azukari.fhir.release.ReleaseCaller;
import org.azukari.fhir.release.ReleaseRefusedException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;

/** {@code GET /fhir/Consent?patient={pseudonym}}: the calling clinic's own consents about that resident. */
final class RecipientConsentProvider implements IResourceProvider {

    private final RecipientConsents consents;
    private final ReleaseEndpoint endpoint;

    RecipientConsentProvider(RecipientConsents consents, ReleaseEndpoint endpoint) {
        this.consents = consents;
        this.endpoint = endpoint;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Consent.class;
    }

    @Search
    public Bundle search(@RequiredParam(name = Consent.SP_PATIENT) ReferenceParam patient, RequestDetails request) {
        ReleaseCaller caller = endpoint.caller(request, "Consent", 's');
        String id = patient.getIdPart();
        if (!RecipientPseudonym.wellFormed(id)) {
            throw ReleaseEndpoint.hapi(ReleaseRefusedException.notFound());
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        ReleaseEndpoint.run(() -> consents.of(caller, new RecipientPseudonym(id))).forEach(consent -> bundle.addEntry()
                .setFullUrl(request.getFhirServerBase() + "/Consent/" + consent.getIdElement().getIdPart())
                .setResource(consent).getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        bundle.setTotal(bundle.getEntry().size());
        return bundle;
    }
}
