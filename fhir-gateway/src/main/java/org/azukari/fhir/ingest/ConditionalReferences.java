package org.azukari.fhir.ingest;

import static org.azukari.fhir.ingest.IngestProblems.UNPROCESSABLE;
import static org.azukari.fhir.ingest.IngestProblems.refuse;

import ca.uhn.fhir.context.FhirContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.ingest.IngestPlan.Target;
import org.azukari.identity.api.OrganisationId;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;

/**
 * References by identifier ({@code Type?identifier=system|value}): against the input's entries,
 * then against what the source sent before. A source gives the same identifier to records of
 * different residents (Synthea's {@code claim-group|99999999999} on every claim), so what it
 * sent before is found per custody, and a reference by identifier binds only within the
 * referencing resource's own resident, or to the source's directory. When several residents
 * hold a match, the choice waits until the referencing resource's resident is known from its
 * other references; a reference that would bind one resident's record to another's refuses
 * the input (FG-0309). A Patient named by an identifier enrolled for a resident is that
 * resident's Patient, never another's that carries the same identifier.
 */
final class ConditionalReferences {

    /** A reference by identifier, where it is and what it can bind to. */
    private record Conditional(IngestEntry entry, String query, String at, List<IndexedRecord> candidates) {
    }

    private final FhirContext fhir;
    private final OrganisationId source;
    private final SourceIndex index;
    private final EnrolmentMatch enrolments;
    private final List<IngestEntry> entries;
    private final Map<Reference, Conditional> conditionals = new IdentityHashMap<>();
    private Map<String, List<IngestEntry>> byIdentifier;

    ConditionalReferences(FhirContext fhir, OrganisationId source, SourceIndex index, EnrolmentMatch enrolments,
                          List<IngestEntry> entries) {
        this.fhir = fhir;
        this.source = source;
        this.index = index;
        this.enrolments = enrolments;
        this.entries = entries;
    }

    /**
     * What {@code type?query} names, when that can be told without knowing the referencing
     * resource's resident; otherwise empty, and {@link #settle} binds it later.
     */
    Optional<Target> resolve(IngestEntry entry, Reference reference, String type, String query, String at) {
        String[] parameter = query.split("=", 2);
        if (parameter.length != 2 || !parameter[0].equals("identifier") || query.contains("&")) {
            throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0306, IssueType.NOTSUPPORTED,
                    "conditional references are supported by identifier only (Type?identifier=system|value)", at);
        }
        String token = decoded(parameter[1], at);
        int bar = token.indexOf('|');
        if (bar <= 0 || bar == token.length() - 1) {
            throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0306, IssueType.INVALID,
                    "a conditional reference needs identifier=system|value", at);
        }
        String system = token.substring(0, bar);
        String value = token.substring(bar + 1);
        String named = type + "?identifier=" + token;
        List<IngestEntry> matches = byIdentifier().getOrDefault(type + "|" + system + "|" + value, List.of());
        if (matches.size() > 1) {
            throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0307, IssueType.MULTIPLEMATCHES,
                    "conditional reference matches more than one entry", at);
        }
        if (matches.size() == 1) {
            conditionals.put(reference, new Conditional(entry, named, at, List.of()));
            return Optional.of(new Target.ToEntry(matches.get(0)));
        }
        List<IndexedRecord> held = index.findAllByIdentifier(source, type, system, value);
        if (type.equals("Patient")) {
            return Optional.of(patient(named, system, value, held, at));
        }
        if (held.isEmpty()) {
            throw notFound(named, at);
        }
        conditionals.put(reference, new Conditional(entry, named, at, held));
        if (held.size() == 1 && held.get(0).custody().directory()) {
            return Optional.of(new Target.ToIndexed(held.get(0).resourceType(), held.get(0)));
        }
        return Optional.empty();
    }

    /** The percent-decoded {@code system|value}; a malformed escape ({@code %zz}) is the sender's error, not ours. */
    static String decoded(String encoded, String at) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw refuse(UNPROCESSABLE, FhirGatewayError.FG_0306, IssueType.INVALID,
                    "a conditional reference or ifNoneExist is not valid percent-encoding", at);
        }
    }

    /** A Patient by identifier decides whose the referencing resource is, so it is bound at once or refused. */
    private Target patient(String named, String system, String value, List<IndexedRecord> held, String at) {
        List<IndexedRecord> residents = held.stream().filter(found -> !found.custody().directory()).toList();
        Optional<ResidentId> enrolled = enrolments.resident(system, value);
        if (enrolled.isPresent()) {
            Custody theirs = Custody.resident(enrolled.get());
            Optional<IndexedRecord> own = residents.stream().filter(found -> found.custody().equals(theirs)).findFirst();
            if (own.isPresent()) {
                return new Target.ToIndexed(own.get().resourceType(), own.get());
            }
            if (!residents.isEmpty()) {
                throw IngestProblems.ambiguous("ambiguous patient: conditional reference " + named + " names a"
                        + " resident through this source's enrolment link, but the Patient this source sent with that"
                        + " identifier is another resident's; the bank does not pick one, and nothing of the input"
                        + " was stored", at, concerned(List.of(theirs), residents));
            }
            throw notFound(named, at);
        }
        if (residents.size() > 1) {
            throw IngestProblems.ambiguous("ambiguous patient: conditional reference " + named + " matches Patients"
                    + " this source sent for " + residents.size() + " different residents; the bank does not pick one,"
                    + " and nothing of the input was stored", at, concerned(List.of(), residents));
        }
        return residents.stream().findFirst().<Target>map(found -> new Target.ToIndexed(found.resourceType(), found))
                .orElseThrow(() -> notFound(named, at));
    }

    /**
     * Once every resource's custody is known: binds each open reference to the match in the
     * referencing resource's custody (else the source's directory), and checks that no
     * reference by identifier leads from one resident's record to another resident's.
     */
    void settle(Map<IngestEntry, Custody> custody, Map<Reference, Target> targets) {
        for (Map.Entry<Reference, Conditional> pointer : conditionals.entrySet()) {
            Conditional conditional = pointer.getValue();
            Custody own = custody.get(conditional.entry());
            Target target = targets.get(pointer.getKey());
            if (target == null) {
                IndexedRecord chosen = conditional.candidates().stream().filter(found -> found.custody().equals(own))
                        .findFirst()
                        .or(() -> conditional.candidates().stream().filter(found -> found.custody().directory()).findFirst())
                        .orElseThrow(() -> crossing(conditional, concerned(List.of(own), conditional.candidates())));
                targets.put(pointer.getKey(), new Target.ToIndexed(chosen.resourceType(), chosen));
                continue;
            }
            Custody theirs = target instanceof Target.ToEntry toEntry ? custody.get(toEntry.entry())
                    : ((Target.ToIndexed) target).record().custody();
            if (!own.directory() && !theirs.directory() && !theirs.equals(own)) {
                throw crossing(conditional, concerned(List.of(own, theirs), List.of()));
            }
        }
    }

    private static IngestRefusedException crossing(Conditional conditional, Set<ResidentId> concerned) {
        return IngestProblems.ambiguous("conditional reference " + conditional.query() + " names only records of"
                + " other residents than the one this resource belongs to; the bank does not link one resident's"
                + " record to another's, and nothing of the input was stored", conditional.at(), concerned);
    }

    /** The residents concerned: those of the custodies named, then those holding a match. */
    private static Set<ResidentId> concerned(List<Custody> named, List<IndexedRecord> held) {
        List<Custody> custodies = new ArrayList<>(named);
        held.forEach(found -> custodies.add(found.custody()));
        return WrongResidentRefusals.residents(custodies.toArray(Custody[]::new));
    }

    private static IngestRefusedException notFound(String named, String at) {
        return refuse(UNPROCESSABLE, FhirGatewayError.FG_0308, IssueType.NOTFOUND, "conditional reference " + named
                + " matches nothing in this input or sent before by this source", at);
    }

    /** The input's entries by {@code type|system|value} of each identifier, built on first use. */
    private Map<String, List<IngestEntry>> byIdentifier() {
        if (byIdentifier == null) {
            byIdentifier = new HashMap<>();
            for (IngestEntry entry : entries) {
                for (Identifier identifier : IngestPlan.identifiersOf(fhir, entry.resource())) {
                    byIdentifier.computeIfAbsent(entry.type() + "|" + identifier.getSystem() + "|"
                            + identifier.getValue(), key -> new ArrayList<>()).add(entry);
                }
            }
        }
        return byIdentifier;
    }
}
