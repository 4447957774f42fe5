package org.azukari.fhir.export;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.ResidentId;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns one resident's released records into a wellness service's dataset lines:
 *
 * <ul>
 *   <li>the Patient becomes only the service's pseudonym, the gender, an age band (extension
 *       {@value #AGE_BAND}) and, if asked, the prefecture (or the first three digits of the
 *       postal code) — no name, birth date, telecom, address line, identifier or contact;</li>
 *   <li>every record loses what can name a person or a source: ids (replaced by the service's
 *       own), {@code meta}, narrative, contained resources, every {@code identifier},
 *       {@code extension}, free text ({@code text} of a CodeableConcept, {@code note},
 *       {@code comment}, {@code description}, {@code display}, {@code valueString},
 *       {@code patientInstruction}) and names, telecoms, addresses and photos anywhere;</li>
 *   <li>references to the patient become {@code Patient/<pseudonym>}; every other reference
 *       (practitioners, organisations, encounters, locations) is removed;</li>
 *   <li>dates are shifted by the person's own number of days (day and time precision; intervals
 *       within a person are kept) or cut to month or year, as the request says.</li>
 * </ul>
 *
 * Coded data (codes, systems, quantities) is kept: that is what the service asked for.
 */
public final class Deidentifier {

    public static final String AGE_BAND = "urn:azukari:fhir:extension:age-band";
    static final int TOP_AGE = 90;
    static final int MAX_SHIFT_DAYS = 182;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?)?)?)?");
    private static final Set<String> REMOVED = Set.of("meta", "text", "contained", "identifier", "extension",
            "modifierExtension", "note", "comment", "description", "display", "valueString", "patientInstruction",
            "name", "telecom", "address", "photo", "contact", "implicitRules", "language");
    /** Keys whose strings may look like dates but are codes. */
    private static final Set<String> NOT_DATES = Set.of("id", "code", "system", "version", "unit", "reference");

    /** What the k-anonymity check groups people by. */
    public record QuasiIdentifier(String ageBand, String gender, String location) {
    }

    private final Deidentification settings;
    private final ServiceNames names;
    private final String service;
    private final LocalDate today;

    public Deidentifier(Deidentification settings, ServiceNames names, String service, LocalDate today) {
        this.settings = settings;
        this.names = names;
        this.service = service;
        this.today = today;
    }

    public QuasiIdentifier quasiIdentifier(Optional<Patient> patient) {
        String gender = patient.filter(Patient::hasGender).map(p -> p.getGender().toCode()).orElse("unknown");
        return new QuasiIdentifier(ageBand(patient), gender, location(patient));
    }

    public String pseudonym(ResidentId resident) {
        return names.patient(service, resident);
    }

    /** The de-identified Patient line. */
    public String patientLine(ResidentId resident, Optional<Patient> patient) {
        QuasiIdentifier qi = quasiIdentifier(patient);
        ObjectNode out = JSON.createObjectNode();
        out.put("resourceType", "Patient");
        out.put("id", pseudonym(resident));
        ObjectNode band = out.putArray("extension").addObject();
        band.put("url", AGE_BAND);
        band.put("valueString", qi.ageBand());
        out.put("gender", qi.gender());
        if (!qi.location().isEmpty()) {
            ObjectNode address = out.putArray("address").addObject();
            if (qi.location().startsWith("postal:")) {
                address.put("postalCode", qi.location().substring("postal:".length()));
            } else {
                address.put("state", qi.location());
            }
            address.put("country", "JP");
        }
        return out.toString();
    }

    /** The de-identified line of one record; {@code bankId} is the bank's id of it. */
    public String recordLine(ResidentId resident, Resource record, String bankId) {
        ObjectNode tree;
        try {
            tree = (ObjectNode) JSON.readTree(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("EX-0703 a record could not be re-read", e);
        }
        String pseudonym = pseudonym(resident);
        int shift = names.shiftDays(service, resident, MAX_SHIFT_DAYS);
        clean(tree, pseudonym, shift);
        tree.put("id", names.record(service, record.fhirType(), bankId));
        prune(tree);
        ObjectNode ordered = JSON.createObjectNode();
        ordered.put("resourceType", record.fhirType());
        ordered.put("id", tree.get("id").asText());
        tree.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("resourceType") && !f.getKey().equals("id")) {
                ordered.set(f.getKey(), f.getValue());
            }
        });
        return ordered.toString();
    }

    private void clean(JsonNode node, String pseudonym, int shift) {
        if (node instanceof ArrayNode array) {
            array.forEach(child -> clean(child, pseudonym, shift));
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        object.remove(REMOVED);
        JsonNode reference = object.get("reference");
        if (reference != null && reference.isTextual()) {
            if (reference.asText().startsWith("Patient/")) {
                object.put("reference", "Patient/" + pseudonym);
            } else {
                object.remove("reference");
                object.remove("type");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isTextual() && !NOT_DATES.contains(field.getKey()) && DATE.matcher(value.asText()).matches()) {
                field.setValue(new TextNode(date(value.asText(), shift)));
            } else if (value.isContainerNode()) {
                clean(value, pseudonym, shift);
            }
        }
    }

    /** Removes what the cleaning left empty: FHIR allows no empty objects or arrays. */
    private static boolean prune(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                if (prune(fields.next().getValue())) {
                    fields.remove();
                }
            }
            return object.isEmpty();
        }
        if (node instanceof ArrayNode array) {
            Iterator<JsonNode> elements = array.elements();
            while (elements.hasNext()) {
                if (prune(elements.next())) {
                    elements.remove();
                }
            }
            return array.isEmpty();
        }
        return false;
    }

    String date(String text, int shift) {
        return switch (settings.dates()) {
            case YEAR -> text.substring(0, 4);
            case MONTH -> text.length() >= 7 ? text.substring(0, 7) : text;
            case SHIFT -> shifted(text, shift);
        };
    }

    private static String shifted(String text, int shift) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(shift).toString();
            }
            if (text.length() > 10) {
                return OffsetDateTime.parse(text).plusDays(shift).toString();
            }
            return text.substring(0, 4); // month or year precision: kept coarse, not shifted
        } catch (DateTimeParseException e) {
            return text.substring(0, 4);
        }
    }

    private String ageBand(Optional<Patient> patient) {
        if (patient.isEmpty() || !patient.get().hasBirthDate()) {
            return "unknown";
        }
        String text = patient.get().getBirthDateElement().getValueAsString();
        LocalDate born = text.length() == 10 ? LocalDate.parse(text)
                : LocalDate.of(Integer.parseInt(text.substring(0, 4)), 7, 1); // year or month only: mid-year
        int age = Period.between(born, today).getYears();
        if (age >= TOP_AGE) {
            return TOP_AGE + "+";
        }
        int width = settings.ageBandYears();
        int low = Math.max(0, age) / width * width;
        return width == 1 ? Integer.toString(low) : low + "-" + (low + width - 1);
    }

    private String location(Optional<Patient> patient) {
        if (settings.location() == Deidentification.LocationLevel.NONE || patient.isEmpty()
                || !patient.get().hasAddress()) {
            return "";
        }
        Address address = patient.get().getAddressFirstRep();
        if (address.hasState()) {
            return address.getState().trim();
        }
        if (address.hasPostalCode()) {
            String digits = address.getPostalCode().replaceAll("[^0-9]", "");
            return digits.length() >= 3 ? "postal:" + digits.substring(0, 3) : "";
        }
        return "";
    }
}
