package org.azukari.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.mapping.OperationOutcomes;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Writes of conformance and infrastructure types ({@code POST /fhir/StructureDefinition}, ...)
 * are answered with an OperationOutcome saying the bank does not take them in, rather than
 * HAPI's "unknown resource type", which would suggest a typo.
 */
@Interceptor
final class RefusedTypesInterceptor {

    private final Set<String> refusedTypes;

    RefusedTypesInterceptor(Set<String> refusedTypes) {
        this.refusedTypes = Set.copyOf(refusedTypes);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    boolean refuseConformanceWrites(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
            return true;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String first = path.startsWith("/") ? path.substring(1) : path;
        int slash = first.indexOf('/');
        String type = slash >= 0 ? first.substring(0, slash) : first;
        if (refusedTypes.contains(type)) {
            FhirGatewayError code = FhirGatewayError.FG_0301;
            OperationOutcome outcome = OperationOutcomes.error(OperationOutcome.IssueType.NOTSUPPORTED, code.message(
                    type + " is a conformance or infrastructure resource, not a health record; the bank does not"
                    + " take it in"));
            throw new UnprocessableEntityException(code.code(), outcome);
        }
        return true;
    }
}
