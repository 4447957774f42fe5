package org.azukari.fhir.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler.IParseLocation;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * Elements FHIR R4 does not define (an R5-only element, a misspelt one), which HAPI's lenient
 * parser drops: which entry of a JSON Bundle had which, and the warning (FG-0214) that tells the
 * source. Shared by the pushes the FHIR server takes and the pages a pull fetches. Element names
 * go back to the sender (or into the source's counts as a code) only and are never logged.
 */
public final class DroppedElements {

    public static final String CODE = "FG-0214";
    /** At most this many warnings for one input: a source sending thousands learns as much from a hundred. */
    public static final int MAX_PER_INPUT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An element dropped from the resource of the Bundle's entry {@code entry} (0-based). */
    public record Dropped(int entry, String element) {
    }

    private DroppedElements() {
    }

    /** Adds how an element the parser did not know reads in a warning: its name and the element it was in. */
    public static void record(Set<String> dropped, IParseLocation location, String name) {
        if (dropped != null && dropped.size() < MAX_PER_INPUT) {
            String parent = location == null ? null : location.getParentElementName();
            dropped.add("'" + name + "'" + (parent == null ? "" : " (in " + parent + ")"));
        }
    }

    /**
     * Parses each entry's resource of a JSON Bundle again on its own to name what was dropped from
     * which entry; nothing for input that is not a JSON Bundle.
     */
    public static List<Dropped> perEntry(FhirContext fhir, byte[] bundleJson) {
        JsonNode entries;
        try {
            entries = JSON.readTree(bundleJson).path("entry");
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
        List<Dropped> found = new ArrayList<>();
        for (int i = 0; i < entries.size() && found.size() < MAX_PER_INPUT; i++) {
            JsonNode resource = entries.get(i).path("resource");
            if (!resource.isObject()) {
                continue;
            }
            Set<String> dropped = new LinkedHashSet<>();
            IParser parser = fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false) {
                @Override
                public void unknownElement(IParseLocation location, String name) {
                    record(dropped, location, name);
                }
            });
            try {
                parser.parseResource(resource.toString());
            } catch (RuntimeException unparseable) {
                continue;
            }
            int entry = i;
            dropped.forEach(element -> found.add(new Dropped(entry, element)));
        }
        return found;
    }

    /** The warning for one dropped element, at {@code expression} (an entry, or the input's type). */
    public static OperationOutcomeIssueComponent warning(String element, String expression) {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent().setSeverity(IssueSeverity.WARNING)
                .setCode(IssueType.STRUCTURE).setDiagnostics(CODE + " element " + element
                        + " is not defined in FHIR R4 (an element of a later version?); it was not stored");
        issue.addExpression(expression);
        return issue;
    }
}
