package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.BAD_REQUEST;
import static org.azukari.fhir.ingest.IngestProblems.UNPROCESSABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * An input as the entries the ingest works on: a Bundle's entries with their place, fullUrl and
 * request, or a single resource as a one-entry input. Only POST and PUT entries are taken in.
 */
final class BundleEntries {

    private BundleEntries() {
    }

    static List<IngestEntry> of(Bundle bundle, BundleType type) {
        List<IngestEntry> entries = new ArrayList<>();
        List<Bundle.BundleEntryComponent> components = bundle.getEntry();
        for (int i = 0; i < components.size(); i++) {
            entries.add(entry(components.get(i), i, type));
        }
        if (entries.isEmpty()) {
            throw refuse(BAD_REQUEST, FhirGatewayError.FG_0207, IssueType.REQUIRED, "the Bundle has no entries", "Bundle.entry");
        }
        return entries;
    }

    static IngestEntry single(Resource resource) {
        return new IngestEntry(0, resource.fhirType(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), resource);
    }

    /**
     * A batch entry, checked like a one-entry transaction (so its own refusals name
     * {@code Bundle.entry[0]}) and then named by its place in the batch.
     */
    static IngestEntry batchEntry(Bundle.BundleEntryComponent component, int index) {
        IngestEntry entry = entry(component, 0, BundleType.TRANSACTION);
        return new IngestEntry(index, "Bundle.entry[" + index + "].resource", entry.fullUrl(), entry.method(),
                entry.requestUrl(), entry.ifNoneExist(), entry.resource());
    }

    private static IngestEntry entry(Bundle.BundleEntryComponent component, int index, BundleType type) {
        String at = "Bundle.entry[" + index + "]";
        if (!component.hasResource()) {
            throw refuse(BAD_REQUEST, FhirGatewayError.FG_0204, IssueType.REQUIRED, "entry has no resource", at);
        }
        Optional<Bundle.HTTPVerb> method = component.hasRequest() && component.getRequest().hasMethod()
                ? Optional.of(component.getRequest().getMethod()) : Optional.empty();
        if (type == BundleType.TRANSACTION && method.isEmpty()) {
            throw refuse(BAD_REQUEST, FhirGatewayError.FG_0205, IssueType.REQUIRED,
                    "a transaction entry needs request.method", at + ".request");
        }
        if (method.isPresent() && method.get() != Bundle.HTTPVerb.POST && method.get() != Bundle.HTTPVerb.PUT) {
            throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0206, IssueType.NOTSUPPORTED, "only POST and PUT entries are taken in;"
                    + " records leave the bank only through the resident's erasure", at + ".request.method");
        }
        return new IngestEntry(index, at + ".resource",
                component.hasFullUrl() ? Optional.of(component.getFullUrl()) : Optional.empty(), method,
                component.hasRequest() && component.getRequest().hasUrl()
                        ? Optional.of(component.getRequest().getUrl()) : Optional.empty(),
                component.hasRequest() && component.getRequest().hasIfNoneExist()
                        ? Optional.of(component.getRequest().getIfNoneExist()) : Optional.empty(),
                component.getResource());
    }
}
