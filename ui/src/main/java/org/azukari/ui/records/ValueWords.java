package org.azukari.ui.records;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * FHIR elements in words, for {@link PlainWords} and the charts: the words the source chose for a
 * concept (its text, else its first coding's display, else the code), values with their units,
 * blood pressure as systolic/diastolic, reference ranges, money, dosages, statuses and references.
 */
final class ValueWords {

    private ValueWords() {
    }

    /** The words for a concept: its text, else the first coding's display, else the first code. */
    public static String words(CodeableConcept concept) {
        if (concept == null) {
            return "";
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst()
                .or(() -> concept.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode).findFirst())
                .orElse("");
    }

    /** An Observation's value in words; blood pressure (two components, one unit) as "120/80 mmHg". */
    static Optional<String> observationValue(Observation o) {
        if (o.hasValue()) {
            return value(o.getValue());
        }
        List<String> parts = new ArrayList<>();
        String unit = null;
        for (Observation.ObservationComponentComponent component : o.getComponent()) {
            if (component.getValue() instanceof Quantity q && q.hasValue()) {
                parts.add(number(q.getValue()));
                unit = unit == null ? unit(q) : unit;
            } else {
                value(component.getValue()).ifPresent(v -> parts.add(words(component.getCode()) + " " + v));
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("/", parts) + (unit == null || unit.isEmpty() ? "" : " " + unit));
    }

    static Optional<String> value(Type value) {
        if (value instanceof Quantity q && q.hasValue()) {
            String unit = unit(q);
            return Optional.of(number(q.getValue()) + (unit.isEmpty() ? "" : " " + unit));
        }
        if (value instanceof CodeableConcept c) {
            return Optional.of(words(c)).filter(s -> !s.isEmpty());
        }
        if (value instanceof StringType s && s.hasValue()) {
            return Optional.of(s.getValue());
        }
        if (value instanceof BooleanType b && b.hasValue()) {
            return Optional.of(b.getValue() ? "✓" : "✗");
        }
        if (value instanceof IntegerType i && i.hasValue()) {
            return Optional.of(i.getValue().toString());
        }
        return Optional.empty();
    }

    static Optional<String> range(Observation.ObservationReferenceRangeComponent range) {
        if (range.hasText()) {
            return Optional.of(range.getText());
        }
        String low = range.hasLow() && range.getLow().hasValue() ? number(range.getLow().getValue()) : "";
        String high = range.hasHigh() && range.getHigh().hasValue() ? number(range.getHigh().getValue()) : "";
        if (low.isEmpty() && high.isEmpty()) {
            return Optional.empty();
        }
        String unit = range.hasLow() ? unit(range.getLow()) : unit(range.getHigh());
        return Optional.of(low + "–" + high + (unit.isEmpty() ? "" : " " + unit));
    }

    static String unit(Quantity q) {
        return q.hasUnit() ? q.getUnit() : q.hasCode() ? q.getCode() : "";
    }

    static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static Optional<String> money(Money money) {
        if (money == null || !money.hasValue()) {
            return Optional.empty();
        }
        return Optional.of(number(money.getValue()) + (money.hasCurrency() ? " " + money.getCurrency() : ""));
    }

    static Optional<String> dosage(List<Dosage> dosages) {
        return dosages.stream().filter(Dosage::hasText).map(Dosage::getText).findFirst();
    }

    static Optional<String> status(Enumeration<?> status) {
        return status != null && status.hasValue() ? Optional.of(status.getCode()) : Optional.empty();
    }

    static Optional<String> reference(Reference reference) {
        return reference != null && reference.hasDisplay() ? Optional.of(reference.getDisplay()) : Optional.empty();
    }

    /** The resource's {@code code} element, for kinds described generically. */
    static Optional<CodeableConcept> code(Resource resource) {
        Property property = resource.getNamedProperty("code");
        if (property == null) {
            return Optional.empty();
        }
        for (Base value : property.getValues()) {
            if (value instanceof CodeableConcept concept) {
                return Optional.of(concept);
            }
        }
        return Optional.empty();
    }
}
