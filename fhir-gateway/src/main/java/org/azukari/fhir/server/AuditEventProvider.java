package org.azukari.fhir.server;

import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.mapping.FhirRefusals;
import org.azukari.fhir.audit.AuditEventCriteria;
import org.azukari.fhir.audit.AuditEventSearch;
import org.azukari.fhir.audit.AuditSearchRefusedException;
import org.azukari.identity.api.ClientScopes;
import org.azukari.identity.api.CallerPermission;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * {@code GET /fhir/AuditEvent}: the access log for auditors' systems ({@code AUDIT_SYSTEM} clients
 * whose token grants {@code system/AuditEvent} search), anyone else 403 (FG-0740) before a parameter
 * is read. HAPI hands every parameter over unbound ({@code allowUnknownParams}), so that
 * {@link AuditEventCriteria} alone decides what is valid and no error quotes a value; the
 * parameters are listed in the CapabilityStatement by {@link AuditEventCapability}.
 */
final class AuditEventProvider implements IResourceProvider {

    private final FhirCallers callers;
    private final AuditEventSearch search;

    AuditEventProvider(FhirCallers callers, AuditEventSearch search) {
        this.callers = callers;
        this.search = search;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return AuditEvent.class;
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        FhirCallers.AuthenticatedCaller caller = callers.require(CallerPermission.READ_ACCESS_LOG, AuditEventProvider::refused);
        if (!caller.scopes().permits(ClientScopes.AUDIT_EVENT, 's')) {
            throw refused();
        }
        try {
            return search.search(AuditEventCriteria.parse(request.getParameters()), request.getFhirServerBase());
        } catch (AuditSearchRefusedException refused) {
            throw hapi(refused.status(), refused.getMessage());
        }
    }

    private static BaseServerResponseException refused() {
        FhirGatewayError code = FhirGatewayError.FG_0740;
        return hapi(code.status(), code.message("only an audit system with system/AuditEvent.rs reads the access log"));
    }

    private static BaseServerResponseException hapi(int status, String message) {
        return FhirRefusals.hapi(status, message);
    }
}
