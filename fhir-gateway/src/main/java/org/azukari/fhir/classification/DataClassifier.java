package org.azukari.fhir.classification;

import ca.uhn.fhir.context.FhirContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.DataCategory;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.OrganisationKind;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Classifies resources into the data categories residents consent in, by the rules in
 * {@code data-categories.csv} beside this class (rules are data: documented there and in
 * docs/fhir-gateway.md, tested in {@code DataClassifierTest}). First matching row wins. A row
 * for type {@code *} is a default: it matches every FHIR R4 type no earlier row took (never a
 * Bundle, which is an input's envelope, not a record), so that a type the table does not name
 * is stored under a category, released and withheld by consent like the others, and never
 * blocks an input.
 */
public final class DataClassifier {

    private static final String RULES = "data-categories.csv";
    private static final String ANY_TYPE = "*";
    private static final String ENVELOPE = "Bundle";

    /** One row of the rules, as the operator reads it. */
    public record Rule(String resourceType, String condition, String outcome, String subcategory) {

        boolean appliesTo(String type) {
            return resourceType.equals(type) || resourceType.equals(ANY_TYPE) && !type.equals(ENVELOPE);
        }

        boolean isDefault() {
            return resourceType.equals(ANY_TYPE);
        }
    }

    private final List<Rule> rules;
    private final java.util.SortedSet<String> categorised;
    private final java.util.SortedSet<String> storable;
    private final java.util.SortedSet<String> refused;

    private DataClassifier(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.categorised = typesWhere(DataClassifier::isCategory);
        this.storable = typesWhere(outcome -> !outcome.equals("REFUSED"));
        this.refused = typesWhere(outcome -> outcome.equals("REFUSED"));
    }

    /** The bank's rules, read once from the classpath; a malformed rule fails the start. */
    public static DataClassifier standard() {
        try (InputStream in = DataClassifier.class.getResourceAsStream(RULES)) {
            if (in == null) {
                throw new BadStateException(FhirGatewayError.FG_0001, "classification rules " + RULES + " missing");
            }
            return new DataClassifier(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException("FG-0001 cannot read classification rules", e);
        }
    }

    /** Rules from any reader, in the same format (for tests of the rule format). */
    static DataClassifier fromRules(java.io.Reader rules) {
        try {
            return new DataClassifier(parse(new BufferedReader(rules)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Classification classify(Resource resource, OrganisationKind source) {
        String type = resource.fhirType();
        for (Rule rule : rules) {
            if (rule.appliesTo(type) && matches(rule.condition(), resource, source)) {
                return switch (rule.outcome()) {
                    case "SUPPORTING" -> new Classification.Supporting();
                    case "REFUSED" -> new Classification.Refused(type);
                    default -> new Classification.Categorised(DataCategory.valueOf(rule.outcome()), rule.subcategory());
                };
            }
        }
        return new Classification.Unclassified(type);
    }

    /**
     * The subcategories a record of {@code type} stored under {@code category} may have, by the
     * rules (what a release asks consent for before anything is decrypted); empty for supporting types.
     */
    public java.util.SortedSet<String> subcategories(String type, DataCategory category) {
        java.util.SortedSet<String> subcategories = new java.util.TreeSet<>();
        reachable(type).stream().filter(rule -> rule.outcome().equals(category.name()))
                .forEach(rule -> subcategories.add(rule.subcategory()));
        return subcategories;
    }

    /** The rules a resource of {@code type} can meet, in order: up to the first that holds for any such resource. */
    private List<Rule> reachable(String type) {
        List<Rule> reachable = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.appliesTo(type)) {
                reachable.add(rule);
                if (rule.condition().equals("*")) {
                    break;
                }
            }
        }
        return reachable;
    }

    /** The default rows (type {@code *}), in order: what a type no row names is stored as. */
    public List<Rule> defaults() {
        return rules.stream().filter(Rule::isDefault).toList();
    }

    /** Every rule, in order, as the operator reads them. */
    public List<Rule> rules() {
        return rules;
    }

    /** Every type some rule puts into a data category (the types a recipient may search), sorted. */
    public java.util.SortedSet<String> categorisedTypes() {
        return java.util.Collections.unmodifiableSortedSet(categorised);
    }

    /** Every type some rule takes in (a category or supporting), sorted. */
    public java.util.SortedSet<String> storableTypes() {
        return java.util.Collections.unmodifiableSortedSet(storable);
    }

    /** The conformance and infrastructure types the rules name as never taken in. */
    public java.util.SortedSet<String> refusedTypes() {
        return java.util.Collections.unmodifiableSortedSet(refused);
    }

    private java.util.SortedSet<String> typesWhere(java.util.function.Predicate<String> outcome) {
        java.util.SortedSet<String> types = new java.util.TreeSet<>();
        for (String type : knownTypes()) {
            if (reachable(type).stream().anyMatch(rule -> outcome.test(rule.outcome()))) {
                types.add(type);
            }
        }
        return types;
    }

    /** The types the rules name, and with a default row every FHIR R4 resource type but Bundle. */
    private java.util.SortedSet<String> knownTypes() {
        java.util.SortedSet<String> types = new java.util.TreeSet<>();
        rules.stream().map(Rule::resourceType).filter(type -> !type.equals(ANY_TYPE)).forEach(types::add);
        if (rules.stream().anyMatch(Rule::isDefault)) {
            types.addAll(FhirContext.forR4Cached().getResourceTypes());
            types.remove(ENVELOPE);
        }
        return types;
    }

    private static boolean matches(String condition, Resource resource, OrganisationKind source) {
        if (condition.equals("*")) {
            return true;
        }
        if (condition.startsWith("source=")) {
            return source.name().equals(condition.substring("source=".length()));
        }
        if (condition.startsWith("category=") && resource instanceof Observation observation) {
            String code = condition.substring("category=".length());
            return observation.getCategory().stream().map(CodeableConcept::getCoding).flatMap(List::stream)
                    .map(Coding::getCode).anyMatch(code::equals);
        }
        return false;
    }

    private static List<Rule> parse(BufferedReader reader) throws IOException {
        List<Rule> rules = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 4 || fields[0].isBlank() || !validOutcome(fields[2])
                    || !validCondition(fields[1]) || (isCategory(fields[2]) == fields[3].isBlank())) {
                throw new BadStateException(FhirGatewayError.FG_0002, "malformed classification rule at line " + number);
            }
            rules.add(new Rule(fields[0].trim(), fields[1].trim(), fields[2].trim(), fields[3].trim()));
        }
        return rules;
    }

    private static boolean validOutcome(String outcome) {
        return isCategory(outcome) || outcome.equals("SUPPORTING") || outcome.equals("REFUSED");
    }

    private static boolean isCategory(String outcome) {
        return Optional.of(outcome).filter(o -> List.of("MEDICAL", "CARE", "PAYMENT").contains(o)).isPresent();
    }

    private static boolean validCondition(String condition) {
        if (condition.equals("*") || condition.startsWith("category=")) {
            return true;
        }
        if (condition.startsWith("source=")) {
            try {
                OrganisationKind.valueOf(condition.substring("source=".length()));
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }
}
