package org.azukari.fhir.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Which resident a source's identifiers name, through the enrolment links of the source's
 * organisation (docs/identity.md). One identifier names at most one resident; a Patient carries
 * several, and when they name different residents the input is refused (FG-0309): taking the
 * first that matched would store one resident's record, with another's hospital number in it,
 * for whichever identifier came first. Each identifier is looked up once per input.
 */
final class EnrolmentMatch {

    private record Key(String system, String value) {
    }

    private final PeopleRegistry people;
    private final OrganisationId source;
    private final Map<Key, Optional<ResidentId>> seen = new HashMap<>();

    EnrolmentMatch(PeopleRegistry people, OrganisationId source) {
        this.people = people;
        this.source = source;
    }

    /** The resident enrolled under {@code system|value} for this source, if any. */
    Optional<ResidentId> resident(String system, String value) {
        return seen.computeIfAbsent(new Key(system, value), key -> people.findResidentByEnrolment(source, system, value));
    }

    /**
     * The one resident the identifiers name, or none.
     *
     * @throws IngestRefusedException FG-0309 when they name more than one
     */
    Optional<ResidentId> residentOf(List<Identifier> identifiers, String expression) {
        Map<ResidentId, List<String>> named = new LinkedHashMap<>();
        for (Identifier identifier : identifiers) {
            if (identifier.hasSystem() && identifier.hasValue()) {
                resident(identifier.getSystem(), identifier.getValue()).ifPresent(resident -> named
                        .computeIfAbsent(resident, r -> new ArrayList<>())
                        .add(identifier.getSystem() + "|" + identifier.getValue()));
            }
        }
        if (named.size() > 1) {
            List<String> groups = new ArrayList<>();
            named.values().forEach(group -> groups.add(String.join(" and ", group)));
            throw IngestProblems.ambiguous("ambiguous patient: the Patient's identifiers are linked to "
                    + named.size() + " different residents of this source (" + String.join(" / ", groups)
                    + "); the bank does not pick one, and nothing of the input was stored",
                    expression, named.keySet());
        }
        return named.keySet().stream().findFirst();
    }
}
