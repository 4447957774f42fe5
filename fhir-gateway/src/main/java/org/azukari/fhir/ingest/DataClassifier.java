package org.azukari.fhir.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.DataCategory;
import org.azukari.identity.api.OrganisationKind;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Classifies resources into the data categories residents consent in, by the rules in
 * {@code data-categories.csv} beside this class (rules are data: documented there and in
 * docs/fhir-gateway.md, tested in {@code DataClassifierTest}). First matching row wins.
 */
public final class DataClassifier {

    private static final String RULES = "data-categories.csv";

    private record Rule(String resourceType, String condition, String outcome, String subcategory) {
    }

    private final List<Rule> rules;

    private DataClassifier(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The bank's rules, read once from the classpath; a malformed rule fails the start. */
    public static DataClassifier standard() {
        try (InputStream in = DataClassifier.class.getResourceAsStream(RULES)) {
            if (in == null) {
                throw new IllegalStateException("FG-0001 classification rules " + RULES + " missing");
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
            if (rule.resourceType().equals(type) && matches(rule.condition(), resource, source)) {
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
        rules.stream().filter(rule -> rule.resourceType().equals(type) && rule.outcome().equals(category.name()))
                .forEach(rule -> subcategories.add(rule.subcategory()));
        return subcategories;
    }

    /** Every type some rule puts into a data category (the types a recipient may search), sorted. */
    public java.util.SortedSet<String> categorisedTypes() {
        return typesWhere(DataClassifier::isCategory);
    }

    /** Every type some rule takes in (a category or supporting), sorted. */
    public java.util.SortedSet<String> storableTypes() {
        return typesWhere(outcome -> !outcome.equals("REFUSED"));
    }

    /** The conformance and infrastructure types the rules name as never taken in. */
    public java.util.SortedSet<String> refusedTypes() {
        return typesWhere(outcome -> outcome.equals("REFUSED"));
    }

    private java.util.SortedSet<String> typesWhere(java.util.function.Predicate<String> outcome) {
        java.util.SortedSet<String> types = new java.util.TreeSet<>();
        rules.stream().filter(rule -> outcome.test(rule.outcome())).forEach(rule -> types.add(rule.resourceType()));
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
                throw new IllegalStateException("FG-0002 malformed classification rule at line " + number);
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
