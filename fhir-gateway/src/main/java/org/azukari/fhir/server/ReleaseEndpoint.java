package org.azukari.fhir.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.azukari.consent.api.Purpose;
import org.azukari.fhir.admission.Admissions;
import org.azukari.fhir.admission.Bulkhead;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.mapping.FhirRefusals;
import org.azukari.fhir.release.ReceiptFacts;
import org.azukari.fhir.release.ReleaseCaller;
import org.azukari.fhir.release.ReleaseRefusedException;
import org.azukari.fhir.release.Released;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.CallerPermission;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * What every release request shares: only a clinic EMR may ask, only for the types and
 * interactions its SMART scopes grant, and only with a stated purpose ({@code X-Azukari-Purpose})
 * that the operator registered for its organisation; the release's refusals become OperationOutcomes; a successful
 * release is marked for {@link ReleaseResponseInterceptor}, which sends it with its receipt.
 */
final class ReleaseEndpoint {

    static final String PURPOSE_HEADER = "X-Azukari-Purpose";
    static final String FACTS = ReleaseEndpoint.class.getName() + ".facts";
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final FhirCallers callers;
    private final OrganisationRegistry organisations;
    private final Bulkhead<Admissions.All> admission;

    ReleaseEndpoint(FhirCallers callers, OrganisationRegistry organisations, Bulkhead<Admissions.All> admission) {
        this.callers = callers;
        this.organisations = organisations;
        this.admission = admission;
    }

    /** Authorises {@code interaction} ({@code r} or {@code s}) on {@code type} and reads the purpose. */
    ReleaseCaller caller(RequestDetails request, String type, char interaction) {
        FhirCallers.AuthenticatedCaller authenticated = callers.require(CallerPermission.REQUEST_RELEASE,
                () -> hapi(new ReleaseRefusedException(403, FhirGatewayError.FG_0709, "only clinic EMRs may read released records")));
        Caller caller = authenticated.caller();
        if (!authenticated.scopes().permits(type, interaction)) {
            throw hapi(new ReleaseRefusedException(403, FhirGatewayError.FG_0713, "the token's scopes do not grant this on " + type));
        }
        String header = request.getHeader(PURPOSE_HEADER);
        Purpose purpose;
        try {
            purpose = new Purpose(header == null ? "" : header.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw hapi(new ReleaseRefusedException(400, FhirGatewayError.FG_0708,
                    "state the purpose of use in the " + PURPOSE_HEADER + " header (a purpose code, e.g. treatment)"));
        }
        // The operator registered what each organisation may ever ask for; a purpose outside it is
        // refused before any resident is looked up, whatever consents might say.
        boolean registered = organisations.findOrganisation(caller.organisation().get())
                .map(o -> o.purposes().contains(purpose)).orElse(false);
        if (!registered) {
            throw hapi(new ReleaseRefusedException(403, FhirGatewayError.FG_0715,
                    "the purpose " + purpose.code() + " is not registered for this organisation"));
        }
        String requestId = Optional.ofNullable(request.getRequestId()).filter(id -> REQUEST_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        return new ReleaseCaller(caller.organisation().get().value(), caller.client().get().value(), purpose, requestId);
    }

    /** Runs a release (if admitted: 429 at once over the bound), marks it for the receipt, and translates refusals. */
    <T extends Resource> T release(RequestDetails request, Supplier<Released> work, Class<T> type) {
        Bulkhead.Entry entry = admission.tryEnter(Admissions.All.ALL);
        if (entry instanceof Bulkhead.Refused busy) {
            throw Busy.refused(FhirGatewayError.FG_0730, "the bank answers as many release requests at once as it"
                    + " can; nothing was released, ask again later", busy);
        }
        Released released;
        try (Bulkhead.Admitted admitted = (Bulkhead.Admitted) entry) {
            released = run(work);
        }
        request.getUserData().put(FACTS, released.facts());
        return type.cast(released.body());
    }

    static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (ReleaseRefusedException refused) {
            throw hapi(refused);
        }
    }

    static ReceiptFacts facts(RequestDetails request) {
        Object facts = request.getUserData().get(FACTS);
        return facts instanceof ReceiptFacts f ? f : null;
    }

    static BaseServerResponseException hapi(ReleaseRefusedException refused) {
        return FhirRefusals.hapi(refused.status(), refused.getMessage());
    }
}
