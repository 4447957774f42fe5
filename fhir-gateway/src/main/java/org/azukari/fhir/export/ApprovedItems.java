package org.azukari.fhir.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.DatasetItem;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.fhir.release.SearchMatcher;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a dataset request asked for, record by record: one of its items (type and, if the item
 * names one, a code in {@code code} or {@code type}) within its period by clinical date. An item
 * without a clinical date cannot be placed in the period: it is not taken, and it is not silently
 * dropped either — the export counts it as suppressed ({@link ExportJob#NO_CLINICAL_DATE}).
 */
final class ApprovedItems {

    /** What becomes of one released record. */
    enum Verdict { TAKEN, NOT_ASKED_FOR, NO_CLINICAL_DATE }

    private final DatasetRequest request;
    private final FhirTerser terser = FhirContext.forR4Cached().newTerser();

    ApprovedItems(DatasetRequest request) {
        this.request = request;
    }

    Verdict of(Resource resource) {
        if (!approvedItem(resource)) {
            return Verdict.NOT_ASKED_FOR;
        }
        Optional<Instant[]> time = SearchMatcher.clinicalTime(resource);
        if (time.isEmpty()) {
            return Verdict.NO_CLINICAL_DATE;
        }
        Instant from = request.spec().periodStart().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = request.spec().periodEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return time.get()[0].isBefore(to) && time.get()[1].isAfter(from) ? Verdict.TAKEN : Verdict.NOT_ASKED_FOR;
    }

    private boolean approvedItem(Resource resource) {
        for (DatasetItem item : request.spec().items()) {
            if (item.resourceType().equals(resource.fhirType()) && (item.code().isEmpty() || hasCode(resource, item))) {
                return true;
            }
        }
        return false;
    }

    private boolean hasCode(Resource resource, DatasetItem item) {
        for (String element : List.of("code", "type")) {
            if (resource.getNamedProperty(element) == null) {
                continue;
            }
            for (IBase value : terser.getValues(resource, resource.fhirType() + "." + element)) {
                if (value instanceof CodeableConcept concept) {
                    for (Coding coding : concept.getCoding()) {
                        if (item.code().get().equals(coding.getCode())
                                && item.system().map(s -> s.equals(coding.getSystem())).orElse(true)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
