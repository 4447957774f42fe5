package org.azukari.fhir.release;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;

/**
 * The part of a search that needs the plaintext: {@code date} (the record's clinical time:
 * effective, onset, recorded, authored, occurrence, performed, period, issued or date — the
 * first present), {@code category} and {@code code}. Applied after the release filter, so it
 * only ever narrows what may be released.
 */
public final class SearchMatcher {

    private static final List<String> DATE_ELEMENTS = List.of("effective", "onset", "recordedDate", "authoredOn",
            "occurrence", "performed", "period", "issued", "date", "created", "whenHandedOver", "dateAsserted");

    private final FhirTerser terser = FhirContext.forR4Cached().newTerser();

    boolean matches(Resource resource, ReleaseQuery query) {
        if (!query.date().isEmpty()) {
            Optional<Instant[]> time = clinicalTime(resource);
            if (time.isEmpty() || !query.date().stream().allMatch(b -> b.matches(time.get()[0], time.get()[1]))) {
                return false;
            }
        }
        return query.category().stream().allMatch(any -> hasToken(resource, "category", any))
                && query.code().stream().allMatch(any -> hasToken(resource, "code", any));
    }

    public static Optional<Instant[]> clinicalTime(Resource resource) {
        for (String element : DATE_ELEMENTS) {
            org.hl7.fhir.r4.model.Property property = resource.getNamedProperty(element);
            if (property == null) {
                continue;
            }
            // the property, not a terser path: "Observation.effective" is a choice the terser does not resolve
            for (IBase value : property.getValues()) {
                if (value instanceof BaseDateTimeType date && date.getValue() != null) {
                    Instant start = date.getValue().toInstant();
                    return Optional.of(new Instant[] {start, end(date)});
                }
                if (value instanceof Period period && period.hasStart()) {
                    Instant start = period.getStart().toInstant();
                    Instant end = period.hasEnd() ? period.getEnd().toInstant().plusMillis(1) : Instant.MAX;
                    return Optional.of(new Instant[] {start, end});
                }
            }
        }
        return Optional.empty();
    }

    /** A date with day precision covers its whole day, and so on. */
    private static Instant end(BaseDateTimeType date) {
        java.util.Calendar calendar = date.getValueAsCalendar();
        switch (date.getPrecision()) {
            case YEAR -> calendar.add(java.util.Calendar.YEAR, 1);
            case MONTH -> calendar.add(java.util.Calendar.MONTH, 1);
            case DAY -> calendar.add(java.util.Calendar.DAY_OF_MONTH, 1);
            default -> calendar.add(java.util.Calendar.MILLISECOND, 1);
        }
        return calendar.toInstant();
    }

    private boolean hasToken(Resource resource, String element, List<ReleaseQuery.Token> any) {
        if (resource.getNamedProperty(element) == null) {
            return false;
        }
        for (IBase value : terser.getValues(resource, resource.fhirType() + "." + element)) {
            if (value instanceof CodeableConcept concept) {
                for (Coding coding : concept.getCoding()) {
                    for (ReleaseQuery.Token token : any) {
                        if (token.code().equals(coding.getCode())
                                && token.system().map(s -> s.equals(coding.getSystem())).orElse(true)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
