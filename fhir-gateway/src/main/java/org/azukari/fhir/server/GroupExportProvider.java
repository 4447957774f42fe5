package org.azukari.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.fhir.admission.Bulkhead;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.mapping.FhirRefusals;
import org.azukari.fhir.export.DatasetExports;
import org.azukari.fhir.export.ExportJob;
import org.azukari.fhir.export.ExportRefusedException;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.CallerPermission;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;

/**
 * FHIR Bulk Data kick-off: {@code GET /fhir/Group/{dataset request id}/$export} with
 * {@code Prefer: respond-async}, for the wellness service whose request it is, once approved.
 * Answers 202 with {@code Content-Location} naming the status URL
 * ({@code /api/system/bulk/{job}}); {@code _type} narrows to some of the approved types,
 * {@code _outputFormat} may only be NDJSON. Everything else is an OperationOutcome.
 */
final class GroupExportProvider implements IResourceProvider {

    static final Set<String> NDJSON = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");

    private final DatasetExports exports;
    private final FhirCallers callers;
    private final Bulkhead<OrganisationId> admission;

    GroupExportProvider(DatasetExports exports, FhirCallers callers, Bulkhead<OrganisationId> admission) {
        this.exports = exports;
        this.callers = callers;
        this.admission = admission;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Group.class;
    }

    @Operation(name = "$export", idempotent = true, manualResponse = true)
    public void export(@IdParam IdType id, RequestDetails request) {
        Supplier<RuntimeException> notAWellnessService = () -> refused(403, FhirGatewayError.EX_0701,
                "only a wellness service with system/Group.r exports its approved datasets");
        FhirCallers.AuthenticatedCaller authenticated =
                callers.require(CallerPermission.REQUEST_DATASETS, notAWellnessService);
        Caller caller = authenticated.caller();
        if (!authenticated.scopes().permits("Group", 'r')) {
            throw notAWellnessService.get();
        }
        String prefer = request.getHeader("Prefer");
        if (prefer == null || !prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async")) {
            throw refused(400, FhirGatewayError.EX_0702, "a Bulk Data kick-off needs Prefer: respond-async");
        }
        Map<String, String[]> parameters = request.getParameters();
        for (String name : parameters.keySet()) {
            if (!Set.of("_type", "_outputFormat").contains(name)) {
                throw refused(400, FhirGatewayError.EX_0703, "this export takes _type and _outputFormat only");
            }
        }
        String[] format = parameters.get("_outputFormat");
        if (format != null && (format.length != 1 || !NDJSON.contains(format[0]))) {
            throw refused(400, FhirGatewayError.EX_0704, "_outputFormat may only be application/fhir+ndjson");
        }
        Set<String> types = new TreeSet<>();
        for (String value : parameters.getOrDefault("_type", new String[0])) {
            for (String type : value.split(",")) {
                if (!type.trim().matches("[A-Z][A-Za-z]{1,63}")) {
                    throw refused(400, FhirGatewayError.EX_0705, "_type takes resource type names");
                }
                types.add(type.trim());
            }
        }
        if (!id.getIdPart().matches("[A-Za-z0-9-]{1,64}")) {
            throw refused(404, FhirGatewayError.EX_0711, "no such dataset request");
        }
        // an organisation's running exports are bounded; the permit is given back when the job ends
        Bulkhead.Entry entry = admission.tryEnter(caller.organisation().get());
        if (entry instanceof Bulkhead.Refused busy) {
            throw Busy.refused(FhirGatewayError.EX_0730, "this organisation already runs as many exports as the bank"
                    + " takes at once; wait for one to finish", busy);
        }
        Bulkhead.Admitted admitted = (Bulkhead.Admitted) entry;
        ExportJob job;
        try {
            job = ReleaseEndpoint.run(() -> exports.kickOff(new DatasetExports.ExportCaller(
                    caller.organisation().get().value(), caller.client().get().value()),
                    new DatasetRequestId(id.getIdPart()), types, admitted::close));
        } catch (ExportRefusedException refused) {
            throw hapi(refused);
        }
        String base = request.getFhirServerBase();
        String root = base.endsWith("/fhir") ? base.substring(0, base.length() - "/fhir".length()) : base;
        jakarta.servlet.http.HttpServletResponse response = ((ServletRequestDetails) request).getServletResponse();
        response.setStatus(202);
        response.setHeader("Content-Location", root + "/api/system/bulk/" + job.id());
        response.setHeader("Cache-Control", "no-store");
    }

    private static RuntimeException refused(int status, FhirGatewayError code, String message) {
        return hapi(new ExportRefusedException(status, code, message));
    }

    static RuntimeException hapi(ExportRefusedException refused) {
        return FhirRefusals.hapi(refused.status(), refused.getMessage());
    }
}
