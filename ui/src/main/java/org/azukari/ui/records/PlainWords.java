package org.azukari.ui.records;

import static org.azukari.ui.records.ValueWords.code;
import static org.azukari.ui.records.ValueWords.dosage;
import static org.azukari.ui.records.ValueWords.money;
import static org.azukari.ui.records.ValueWords.observationValue;
import static org.azukari.ui.records.ValueWords.reference;
import static org.azukari.ui.records.ValueWords.status;
import static org.azukari.ui.records.ValueWords.words;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.azukari.fhir.ingest.BankIngest;
import org.azukari.fhir.release.SearchMatcher;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns a FHIR resource into a {@link RecordView}: the words the source chose for codes (a
 * CodeableConcept's text, else its first coding's display, else the code), values with their
 * units, blood pressure as systolic/diastolic, reference ranges, statuses and dates. Nothing is
 * invented: a record of a kind it does not know still shows its type, its code and its date.
 */
public final class PlainWords {

    private PlainWords() {
    }

    public static RecordView describe(Resource resource) {
        List<RecordView.Fact> facts = new ArrayList<>();
        Optional<String> value = Optional.empty();
        Optional<String> range = Optional.empty();
        String title;
        if (resource instanceof Observation o) {
            title = words(o.getCode());
            value = observationValue(o);
            range = o.getReferenceRange().stream().findFirst().flatMap(ValueWords::range);
            o.getInterpretation().stream().findFirst().ifPresent(i -> facts.add(fact("interpretation", words(i))));
            o.getCategory().stream().findFirst().ifPresent(c -> facts.add(fact("category", words(c))));
            status(o.getStatusElement()).ifPresent(s -> facts.add(fact("status", s)));
        } else if (resource instanceof Condition c) {
            title = words(c.getCode());
            if (c.hasClinicalStatus()) {
                facts.add(fact("clinicalStatus", words(c.getClinicalStatus())));
            }
            if (c.hasVerificationStatus()) {
                facts.add(fact("verificationStatus", words(c.getVerificationStatus())));
            }
            if (c.hasAbatementDateTimeType()) {
                facts.add(fact("abatement", c.getAbatementDateTimeType().getValueAsString()));
            }
        } else if (resource instanceof AllergyIntolerance a) {
            title = words(a.getCode());
            status(a.getCriticalityElement()).ifPresent(s -> facts.add(fact("criticality", s)));
            String reactions = a.getReaction().stream().flatMap(r -> r.getManifestation().stream())
                    .map(ValueWords::words).distinct().collect(Collectors.joining(", "));
            if (!reactions.isEmpty()) {
                facts.add(fact("reaction", reactions));
            }
        } else if (resource instanceof MedicationRequest m) {
            title = m.hasMedicationCodeableConcept() ? words(m.getMedicationCodeableConcept()) : "";
            dosage(m.getDosageInstruction()).ifPresent(d -> facts.add(fact("dosage", d)));
            status(m.getStatusElement()).ifPresent(s -> facts.add(fact("status", s)));
        } else if (resource instanceof MedicationStatement m) {
            title = m.hasMedicationCodeableConcept() ? words(m.getMedicationCodeableConcept()) : "";
            dosage(m.getDosage()).ifPresent(d -> facts.add(fact("dosage", d)));
            status(m.getStatusElement()).ifPresent(s -> facts.add(fact("status", s)));
        } else if (resource instanceof Immunization i) {
            title = words(i.getVaccineCode());
            status(i.getStatusElement()).ifPresent(s -> facts.add(fact("status", s)));
        } else if (resource instanceof Procedure p) {
            title = words(p.getCode());
            status(p.getStatusElement()).ifPresent(s -> facts.add(fact("status", s)));
        } else if (resource instanceof Encounter e) {
            title = e.getType().stream().findFirst().map(ValueWords::words)
                    .orElse(e.getClass_().hasDisplay() ? e.getClass_().getDisplay() : e.getClass_().getCode());
            e.getReasonCode().stream().findFirst().ifPresent(r -> facts.add(fact("reason", words(r))));
            reference(e.getServiceProvider()).ifPresent(s -> facts.add(fact("provider", s)));
        } else if (resource instanceof DiagnosticReport d) {
            title = words(d.getCode());
            if (d.hasConclusion()) {
                facts.add(fact("conclusion", d.getConclusion()));
            }
        } else if (resource instanceof CarePlan c) {
            title = c.hasTitle() ? c.getTitle()
                    : c.getCategory().stream().findFirst().map(ValueWords::words).orElse("");
            if (c.hasDescription()) {
                facts.add(fact("description", c.getDescription()));
            }
            status(c.getStatusElement()).ifPresent(s -> facts.add(fact("status", s)));
        } else if (resource instanceof Coverage c) {
            title = c.hasType() ? words(c.getType()) : "";
            String payors = c.getPayor().stream().map(ValueWords::reference).flatMap(Optional::stream)
                    .collect(Collectors.joining(", "));
            if (!payors.isEmpty()) {
                facts.add(fact("payor", payors));
            }
            status(c.getStatusElement()).ifPresent(s -> facts.add(fact("status", s)));
        } else if (resource instanceof Claim c) {
            title = words(c.getType());
            value = money(c.getTotal());
            reference(c.getProvider()).ifPresent(p -> facts.add(fact("provider", p)));
        } else if (resource instanceof ExplanationOfBenefit e) {
            title = words(e.getType());
            value = e.getTotal().stream().findFirst().flatMap(t -> money(t.getAmount()));
            reference(e.getProvider()).ifPresent(p -> facts.add(fact("provider", p)));
            status(e.getOutcomeElement()).ifPresent(s -> facts.add(fact("outcome", s)));
        } else if (resource instanceof Patient p) {
            title = p.getName().stream().findFirst().map(n -> n.hasText() ? n.getText()
                    : (n.getFamily() + " " + n.getGivenAsSingleString()).strip()).orElse("");
            if (p.hasBirthDate()) {
                facts.add(fact("birthDate", p.getBirthDateElement().getValueAsString()));
            }
            status(p.getGenderElement()).ifPresent(g -> facts.add(fact("gender", g)));
        } else {
            title = code(resource).map(ValueWords::words).orElse("");
        }
        Optional<Instant> when = SearchMatcher.clinicalTime(resource).map(t -> t[0]);
        return new RecordView(resource.fhirType(), when, title, value, range, List.copyOf(facts), source(resource));
    }

    /** The organisation the bank took the record from, as ingest wrote it into {@code meta.source}. */
    static Optional<String> source(Resource resource) {
        String source = resource.getMeta().getSource();
        if (source == null || !source.startsWith(BankIngest.SOURCE_URI_PREFIX)) {
            return Optional.empty();
        }
        String rest = source.substring(BankIngest.SOURCE_URI_PREFIX.length());
        int hash = rest.indexOf('#');
        return Optional.of(hash < 0 ? rest : rest.substring(0, hash)).filter(s -> !s.isEmpty());
    }

    private static RecordView.Fact fact(String label, String value) {
        return new RecordView.Fact("record.fact." + label, value);
    }
}
