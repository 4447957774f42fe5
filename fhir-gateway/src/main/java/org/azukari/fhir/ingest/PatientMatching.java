package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.UNPROCESSABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.OrganisationId;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Whose each Patient of an input is: the resident its identifiers are enrolled for with the
 * source ({@link EnrolmentMatch}), else the resident the source sent this Patient for before.
 * A Patient that names nobody refuses the whole input (FG-0310, naming its identifiers).
 */
final class PatientMatching {

    private final OrganisationId source;
    private final SourceIndex index;
    private final EnrolmentMatch enrolments;

    PatientMatching(OrganisationId source, SourceIndex index, EnrolmentMatch enrolments) {
        this.source = source;
        this.index = index;
        this.enrolments = enrolments;
    }

    void match(List<IngestEntry> entries, Map<IngestEntry, SourceRef> refs, Map<IngestEntry, Custody> custody) {
        for (IngestEntry entry : entries) {
            if (entry.resource() instanceof Patient patient) {
                ResidentId resident = enrolments.residentOf(patient.getIdentifier(), entry.expression() + ".identifier")
                        .or(() -> index.find(source, refs.get(entry))
                                .filter(found -> !found.custody().directory()).map(found -> found.custody().id()))
                        .orElseThrow(() -> unmatched(entry, patient));
                custody.put(entry, Custody.resident(resident));
            }
        }
    }

    private static IngestRefusedException unmatched(IngestEntry entry, Patient patient) {
        List<String> named = new ArrayList<>();
        for (Identifier identifier : patient.getIdentifier()) {
            named.add((identifier.hasSystem() ? identifier.getSystem() : "(no system)") + "|"
                    + (identifier.hasValue() ? identifier.getValue() : "(no value)"));
        }
        String which = named.isEmpty() ? "the Patient carries no identifier"
                : "no enrolled resident is linked to " + String.join(", ", named);
        return refuse(UNPROCESSABLE, FhirGatewayError.FG_0310, IssueType.NOTFOUND,
                "unknown patient: " + which + " for this source; nothing of the input was stored",
                entry.expression() + ".identifier");
    }
}
