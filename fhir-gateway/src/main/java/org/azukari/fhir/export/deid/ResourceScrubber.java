package org.azukari.fhir.export.deid;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactDetail;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Signature;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * Rewrites one clinical resource, in place, into what a service may see. Walks the model with
 * {@link Base#children()} rather than the terser because whether a value stays depends on its
 * parent (a {@code system} is kept in a Coding, dropped in an Identifier).
 *
 * <p>Kept: codes, enumerations, numbers, booleans, times, Coding and Quantity systems, a short
 * Quantity unit, and references as {@link ReferenceRewriter} says. Dates go through the person's
 * {@link DateTransform}. Everything else is removed: every other string (names, free text,
 * displays, {@code CodeableConcept.text}, {@code valueString}), URIs, binary data, extensions,
 * element ids, identifiers, names, addresses, telecoms, attachments, annotations, signatures,
 * narrative, {@code meta} and contained resources.
 */
final class ResourceScrubber {

    /** Where a person's records are rewritten to: the pseudonym, new ids by "Type/id", dates. */
    record Person(ServicePseudonym pseudonym, Map<String, String> recordIds, DateTransform dates) {
    }

    private static final Set<Class<? extends Element>> ERASED = Set.of(Identifier.class, HumanName.class,
            Address.class, ContactPoint.class, Attachment.class, Annotation.class, Signature.class,
            ContactDetail.class, Narrative.class, Extension.class);
    /** UCUM-like units ("mg/dL", "10*3/uL", "kg/m2"); anything else may be free text. */
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9/%*.^()\\[\\]{}'_µμ-]{1,20}");

    private final ReferenceRewriter references = new ReferenceRewriter();
    private final int topAge;

    /** {@code topAge}: an {@code Age} at or above it is shown as "≥ topAge", like the top age band. */
    ResourceScrubber(int topAge) {
        this.topAge = topAge;
    }

    /** Whether the resource carries a modifier extension, whose meaning is unknown here and which cannot be dropped. */
    boolean hasModifierExtension(Base element) {
        for (Property property : element.children()) {
            if (property.getName().equals("modifierExtension") && !property.getValues().isEmpty()) {
                return true;
            }
            if (property.getName().equals("contained")) {
                continue;
            }
            for (Base child : property.getValues()) {
                if (!child.isPrimitive() && hasModifierExtension(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    void scrub(Resource resource, Person person, String newId) {
        resource.setMeta(null);
        resource.setImplicitRulesElement(null);
        if (resource instanceof DomainResource domain) {
            domain.setText(null);
            domain.setContained(null);
            domain.setExtension(null);
        }
        for (Property property : resource.children()) {
            for (Base child : property.getValues()) {
                visit(resource, property, child, person);
            }
        }
        resource.setId(newId);
    }

    private void visit(Base parent, Property declared, Base element, Person person) {
        if (element instanceof Resource) {
            return;
        }
        if (ERASED.stream().anyMatch(type -> type.isInstance(element))) {
            erase(element);
            return;
        }
        if (element instanceof Reference reference) {
            references.rewrite(reference, declared.getName(), declared.getTypeCode(), person);
            return;
        }
        if (element instanceof Element plain) {
            plain.setIdElement(null);
            plain.getExtension().clear();
        }
        if (element instanceof PrimitiveType<?> primitive) {
            primitive(parent, declared.getName(), primitive, person);
            return;
        }
        if (element instanceof Age age && inYears(age) && age.getValue().compareTo(BigDecimal.valueOf(topAge)) >= 0) {
            age.setValue(topAge).setComparator(Quantity.QuantityComparator.GREATER_OR_EQUAL);
        }
        for (Property property : element.children()) {
            for (Base child : property.getValues()) {
                visit(element, property, child, person);
            }
        }
    }

    private void primitive(Base parent, String name, PrimitiveType<?> primitive, Person person) {
        if (primitive.getValue() == null) {
            return;
        }
        if (primitive instanceof BaseDateTimeType date) {
            person.dates().apply(date);
        } else if (primitive instanceof StringType && !(primitive instanceof CodeType)) {
            boolean unit = parent instanceof Quantity && name.equals("unit")
                    && UNIT.matcher(primitive.getValueAsString()).matches();
            if (!unit) {
                primitive.setValue(null);
            }
        } else if (primitive instanceof UriType) {
            boolean system = (parent instanceof Coding || parent instanceof Quantity) && name.equals("system");
            if (!system) {
                primitive.setValue(null);
            }
        } else if (primitive instanceof Base64BinaryType) {
            primitive.setValue(null);
        }
    }

    private static boolean inYears(Age age) {
        String unit = age.hasCode() ? age.getCode() : age.getUnit();
        return age.hasValue() && unit != null && Set.of("a", "yr", "year", "years", "歳").contains(unit);
    }

    /** Empties every value under {@code element}; the empty husk is not serialised. */
    static void erase(Base element) {
        if (element instanceof Element plain) {
            plain.setIdElement(null);
        }
        if (element instanceof PrimitiveType<?> primitive) {
            primitive.setValue(null);
            primitive.getExtension().clear();
            return;
        }
        for (Property property : element.children()) {
            for (Base child : property.getValues()) {
                if (!(child instanceof Resource)) {
                    erase(child);
                }
            }
        }
    }
}
