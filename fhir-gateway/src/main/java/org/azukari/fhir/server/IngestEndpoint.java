package org.azukari.fhir.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.azukari.fhir.admission.Bulkhead;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.mapping.FhirRefusals;
import org.azukari.fhir.ingest.Ingest;
import org.azukari.fhir.ingest.IngestRefusedException;
import org.azukari.fhir.ingest.IngestResult;
import org.azukari.fhir.ingest.IngestSource;
import org.azukari.fhir.ingest.IngestTimings;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.CallerPermission;
import org.hl7.fhir.r4.model.Bundle;
import org.azukari.fhir.mapping.OperationOutcomes;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * What both write paths share: only a source feed may write, only the types its token's
 * SMART scopes grant ({@code system/Observation.c}, {@code system/*.cu}), and only for its own
 * organisation; refusals become HAPI exceptions carrying the gateway's OperationOutcome.
 */
final class IngestEndpoint {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Ingest ingest;
    private final FhirCallers callers;
    private final OrganisationRegistry organisations;
    private final ValidationMode defaultMode;
    private final Set<OrganisationId> strictSources;
    private final IngestTimings timings;
    private final Bulkhead<OrganisationId> admission;

    IngestEndpoint(Ingest ingest, FhirCallers callers, OrganisationRegistry organisations, ValidationMode defaultMode,
                   Set<OrganisationId> strictSources, IngestTimings timings, Bulkhead<OrganisationId> admission) {
        this.ingest = ingest;
        this.callers = callers;
        this.organisations = organisations;
        this.defaultMode = defaultMode;
        this.strictSources = Set.copyOf(strictSources);
        this.timings = timings;
        this.admission = admission;
    }

    IngestResult ingest(Resource input, RequestDetails request) {
        Object selectedAt = request.getUserData().get(ParseTimingInterceptor.HANDLER_SELECTED_AT);
        if (selectedAt instanceof Long started) {
            timings.add(IngestTimings.Stage.PARSING, System.nanoTime() - started);
        }
        IngestSource source = authorise(input);
        // before validation and before any connection is taken: over the limit is a 429 at once
        Bulkhead.Entry entry = admission.tryEnter(source.organisation());
        if (entry instanceof Bulkhead.Refused busy) {
            throw busy.limit() == Bulkhead.Refused.Limit.PER_KEY
                    ? Busy.refused(FhirGatewayError.FG_0221, "this source already has as many ingests under way as the"
                            + " bank takes from one source; nothing was stored, send it again later", busy)
                    : Busy.refused(FhirGatewayError.FG_0220, "the bank takes in as many inputs at once as it can;"
                            + " nothing was stored, send it again later", busy);
        }
        try (Bulkhead.Admitted admitted = (Bulkhead.Admitted) entry) {
            return ingest.ingest(source, input, requestId(request), UnknownElements.warnings(input, request));
        } catch (IngestRefusedException refused) {
            throw asHapi(refused);
        }
    }

    private IngestSource authorise(Resource input) {
        FhirCallers.AuthenticatedCaller authenticated = callers.require(CallerPermission.INGEST,
                () -> forbidden(FhirGatewayError.FG_0102, "only source feeds may send records to the bank"));
        Caller caller = authenticated.caller();
        for (Resource resource : resourcesOf(input)) {
            String type = resource.fhirType();
            if (!authenticated.scopes().permits(type, 'c') && !authenticated.scopes().permits(type, 'u')) {
                throw forbidden(FhirGatewayError.FG_0103, "the token's scopes do not grant writing " + type);
            }
        }
        OrganisationId organisation = caller.organisation().get();
        Organisation registered = organisations.findOrganisation(organisation)
                .orElseThrow(() -> forbidden(FhirGatewayError.FG_0104, "the caller's organisation is not registered"));
        ValidationMode mode = strictSources.contains(organisation) ? ValidationMode.STRICT : defaultMode;
        return new IngestSource(organisation, registered.kind(), caller.client(), mode);
    }

    private static java.util.List<Resource> resourcesOf(Resource input) {
        if (input instanceof Bundle bundle) {
            return bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
                    .map(Bundle.BundleEntryComponent::getResource).toList();
        }
        return java.util.List.of(input);
    }

    private static ForbiddenOperationException forbidden(FhirGatewayError code, String detail) {
        String message = code.message(detail);
        return new ForbiddenOperationException(message,
                OperationOutcomes.error(OperationOutcome.IssueType.FORBIDDEN, message));
    }

    static BaseServerResponseException asHapi(IngestRefusedException refused) {
        return FhirRefusals.hapi(refused.status(), refused.getMessage(), refused.outcome());
    }

    private static String requestId(RequestDetails request) {
        return Optional.ofNullable(request.getRequestId()).filter(id -> REQUEST_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
    }
}
