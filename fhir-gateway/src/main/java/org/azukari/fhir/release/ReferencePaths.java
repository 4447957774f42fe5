package org.azukari.fhir.release;

import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.util.FhirTerser;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The references a reference search parameter reads from a resource ({@code Observation:encounter}
 * → {@code Observation.encounter}), from HAPI's R4 search parameter definitions. Used on
 * plaintext the release already decided to release, before renaming, so the literals are the
 * bank's {@code Type/id}.
 */
final class ReferencePaths {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Pattern WHERE = Pattern.compile("\\.where\\(.*\\)$");

    private final FhirTerser terser = FHIR.newTerser();

    /** The bank's literal references ({@code Type/id}) {@code param} names in {@code resource}. */
    Set<String> references(Resource resource, ReleaseQuery.ReferenceParam param) {
        Set<String> found = new LinkedHashSet<>();
        if (param.wildcard()) {
            terser.getAllPopulatedChildElementsOfType(resource, Reference.class).forEach(r -> add(found, r, param));
            return found;
        }
        if (!resource.fhirType().equals(param.type())) {
            return found;
        }
        for (String alternative : definition(param).getPath().split("\\|")) {
            String path = WHERE.matcher(alternative.trim()).replaceFirst("");
            if (!path.startsWith(param.type() + ".") || path.contains("(") || path.contains(" ")) {
                continue;
            }
            for (IBase value : terser.getValues(resource, path)) {
                if (value instanceof Reference reference) {
                    add(found, reference, param);
                }
            }
        }
        return found;
    }

    private static void add(Set<String> found, Reference reference, ReleaseQuery.ReferenceParam param) {
        String literal = reference.getReference();
        if (literal == null || literal.split("/").length != 2) {
            return;
        }
        if (param.target().isEmpty() || literal.startsWith(param.target().get() + "/")) {
            found.add(literal);
        }
    }

    static void requireReferenceParam(ReleaseQuery.ReferenceParam param) {
        RuntimeSearchParam definition = definition(param);
        if (param.target().isPresent() && !definition.getTargets().isEmpty()
                && !definition.getTargets().contains(param.target().get())) {
            throw ReleaseQuery.badRequest(param.type() + ":" + param.param() + " does not point to " + param.target().get());
        }
    }

    /** The types a reference parameter may point to (every type, if the definition does not say). */
    static Set<String> targets(ReleaseQuery.ReferenceParam param) {
        Set<String> targets = definition(param).getTargets();
        return targets.isEmpty() ? FHIR.getResourceTypes() : targets;
    }

    private static RuntimeSearchParam definition(ReleaseQuery.ReferenceParam param) {
        RuntimeResourceDefinition type;
        try {
            type = FHIR.getResourceDefinition(param.type());
        } catch (RuntimeException unknown) {
            throw ReleaseQuery.badRequest("unknown resource type in _include, _revinclude or _has");
        }
        RuntimeSearchParam definition = type.getSearchParam(param.param());
        if (definition == null || definition.getParamType() != RestSearchParameterTypeEnum.REFERENCE
                || definition.getPath() == null) {
            throw ReleaseQuery.badRequest(param.type() + ":" + param.param() + " is not a reference search parameter");
        }
        return definition;
    }

    /** An {@code _elements} name, if {@code type} has such an element; otherwise a 400. */
    static String element(String type, String element) {
        BaseRuntimeElementCompositeDefinition<?> definition = FHIR.getResourceDefinition(type);
        if (!element.matches("[a-z][A-Za-z0-9]{0,63}")
                || (definition.getChildByName(element) == null && definition.getChildByName(element + "[x]") == null)) {
            throw ReleaseQuery.badRequest("_elements names elements of " + type);
        }
        return element;
    }
}
