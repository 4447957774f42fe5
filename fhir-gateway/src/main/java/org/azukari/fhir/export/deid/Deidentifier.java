package org.azukari.fhir.export.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationId;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Turns one resident's released resources into one wellness service's de-identified copies
 * (the inputs are not changed). The Patient is rebuilt from nothing but the service's pseudonym,
 * the gender, the age band (extension {@value #AGE_BAND_EXTENSION}, {@code "40-44"} or
 * {@code "90+"}) and the generalised address; every other resource of an exported type is
 * scrubbed (see {@link ResourceScrubber}) under a per-service record id; other types, and
 * resources with a modifier extension, are left out and counted. Safe to share between threads.
 * See docs/deidentification.md.
 */
public final class Deidentifier {

    public static final String AGE_BAND_EXTENSION = "urn:azukari:fhir:extension:age-band";

    /** Clinical and payment types whose coded content can be exported; anything else is left out. */
    public static final Set<String> EXPORTED_TYPES = Set.of("Patient", "Observation", "Condition",
            "MedicationRequest", "MedicationStatement", "MedicationDispense", "MedicationAdministration",
            "Procedure", "Immunization", "AllergyIntolerance", "Encounter", "DiagnosticReport", "Claim",
            "ExplanationOfBenefit");

    private final DeidentificationProfile profile;
    private final ServicePseudonyms pseudonyms;
    private final AgeBands ages;
    private final LocationGeneraliser locations;
    private final ResourceScrubber scrubber;

    /** {@code referenceDate}: the day ages are counted to, normally the export's. */
    public Deidentifier(DeidentificationProfile profile, ServicePseudonyms pseudonyms, LocalDate referenceDate) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
        this.ages = new AgeBands(profile, Objects.requireNonNull(referenceDate, "referenceDate"));
        this.locations = new LocationGeneraliser(profile.location());
        this.scrubber = new ResourceScrubber(profile.topAgeBand());
    }

    public DeidentificationProfile profile() {
        return profile;
    }

    public DeidentifiedPerson deidentify(OrganisationId service, ResidentId resident,
            List<? extends Resource> released) {
        ServicePseudonym pseudonym = pseudonyms.pseudonym(service, resident);
        Patient source = released.stream().filter(Patient.class::isInstance).map(Patient.class::cast).findFirst()
                .orElse(null);
        Patient patient = new Patient();
        QuasiIdentifiers quasiIdentifiers = reduce(source, patient, pseudonym);
        DateTransform dates = DateTransform.of(profile.dates(),
                pseudonyms.shiftDays(service, resident, profile.maxShiftDays()));

        List<Selected> selected = select(service, resident, released);
        Map<String, String> recordIds = new HashMap<>();
        selected.forEach(s -> recordIds.put(s.sourceKey(), s.newId()));
        ResourceScrubber.Person person = new ResourceScrubber.Person(pseudonym, Map.copyOf(recordIds), dates);
        List<Resource> out = new ArrayList<>(selected.size() + 1);
        out.add(patient);
        for (Selected s : selected) {
            Resource copy = s.resource().copy();
            scrubber.scrub(copy, person, s.newId());
            out.add(clean(copy));
        }
        int patients = source == null ? 0 : 1;
        return new DeidentifiedPerson(pseudonym, quasiIdentifiers, out, released.size() - selected.size() - patients);
    }

    /** A resource to export, its source key ("Type/id") and the id the service will see. */
    private record Selected(Resource resource, String sourceKey, String newId) {
    }

    private List<Selected> select(OrganisationId service, ResidentId resident,
            List<? extends Resource> released) {
        List<Selected> selected = new ArrayList<>();
        for (int index = 0; index < released.size(); index++) {
            Resource resource = released.get(index);
            String type = resource.fhirType();
            if (type.equals("Patient") || !EXPORTED_TYPES.contains(type) || scrubber.hasModifierExtension(resource)) {
                continue;
            }
            // Records without an id still need one that is stable while the input order is.
            String sourceId = resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart() : "#" + index;
            String newId = pseudonyms.recordId(service, resident, type, sourceId);
            selected.add(new Selected(resource, type + "/" + sourceId, newId));
        }
        return selected;
    }

    private QuasiIdentifiers reduce(Patient source, Patient patient, ServicePseudonym pseudonym) {
        patient.setId(pseudonym.value());
        String gender = QuasiIdentifiers.UNKNOWN;
        String band = ages.band(source == null ? null : source.getBirthDateElement());
        if (source != null && source.hasGender()) {
            patient.setGender(source.getGender());
            gender = source.getGender().toCode();
        }
        patient.addExtension(AGE_BAND_EXTENSION, new StringType(band));
        LocationGeneraliser.Generalised location = locations.generalise(source);
        location.address().ifPresent(patient::addAddress);
        return new QuasiIdentifiers(band, gender, location.label());
    }

    /** A round trip through JSON leaves out the husks that scrubbing emptied. */
    private static Resource clean(Resource resource) {
        // A parser per call: HAPI parsers are not thread-safe, and an export may run people in parallel.
        IParser json = FhirContext.forR4Cached().newJsonParser();
        return (Resource) json.parseResource(resource.getClass(), json.encodeResourceToString(resource));
    }
}
