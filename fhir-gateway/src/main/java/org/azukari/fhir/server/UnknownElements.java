package org.azukari.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * Elements FHIR R4 does not define (an R5-only element, a misspelt one) are dropped by HAPI's
 * lenient parser; the source is told so with a warning (FG-0214) for each entry that had one,
 * instead of silence. The server's parser records, per request thread, that it dropped
 * something (the common case, nothing dropped, costs nothing more); only then is each entry of
 * a JSON Bundle parsed again on its own to name the entry. An XML Bundle's warnings name the
 * Bundle. Element names go back to the sender only and are never logged.
 */
@Interceptor
final class UnknownElements extends LenientErrorHandler {

    static final String CODE = "FG-0214";
    private static final int MAX_PER_INPUT = 100;
    private static final ThreadLocal<Set<String>> DROPPED = new ThreadLocal<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    UnknownElements() {
        super(false);
    }

    /** The server's own context: lenient parsing that reports what it dropped. */
    static FhirContext serverContext() {
        FhirContext fhir = FhirContext.forR4();
        fhir.setParserErrorHandler(new UnknownElements());
        return fhir;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    void beforeTheBodyIsParsed() {
        DROPPED.set(new LinkedHashSet<>());
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    void afterTheRequest() {
        DROPPED.remove();
    }

    @Override
    public void unknownElement(IParseLocation location, String name) {
        record(DROPPED.get(), location, name);
    }

    @Override
    public void unknownAttribute(IParseLocation location, String name) {
        record(DROPPED.get(), location, name);
    }

    private static void record(Set<String> dropped, IParseLocation location, String name) {
        if (dropped != null && dropped.size() < MAX_PER_INPUT) {
            String parent = location == null ? null : location.getParentElementName();
            dropped.add("'" + name + "'" + (parent == null ? "" : " (in " + parent + ")"));
        }
    }

    /** The warnings for what parsing this request's input dropped, each naming its entry; none in the common case. */
    static List<OperationOutcomeIssueComponent> warnings(Resource input, RequestDetails request) {
        Set<String> dropped = DROPPED.get();
        if (dropped == null || dropped.isEmpty()) {
            return List.of();
        }
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        if (input instanceof Bundle && isJson(request)) {
            perEntry(request, issues);
        }
        if (issues.isEmpty()) {
            dropped.forEach(element -> issues.add(issue(element, input.fhirType())));
        }
        return issues;
    }

    private static void perEntry(RequestDetails request, List<OperationOutcomeIssueComponent> issues) {
        JsonNode entries;
        try {
            entries = JSON.readTree(request.loadRequestContents()).path("entry");
        } catch (IOException | RuntimeException unreadable) {
            return;
        }
        for (int i = 0; i < entries.size() && issues.size() < MAX_PER_INPUT; i++) {
            JsonNode resource = entries.get(i).path("resource");
            if (!resource.isObject()) {
                continue;
            }
            Set<String> dropped = new LinkedHashSet<>();
            IParser parser = request.getFhirContext().newJsonParser().setParserErrorHandler(new LenientErrorHandler(false) {
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
            String at = "Bundle.entry[" + i + "].resource";
            dropped.forEach(element -> issues.add(issue(element, at)));
        }
    }

    private static boolean isJson(RequestDetails request) {
        EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
        return encoding == null || encoding == EncodingEnum.JSON;
    }

    private static OperationOutcomeIssueComponent issue(String element, String expression) {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent().setSeverity(IssueSeverity.WARNING)
                .setCode(IssueType.STRUCTURE).setDiagnostics(CODE + " element " + element
                        + " is not defined in FHIR R4 (an element of a later version?); it was not stored");
        issue.addExpression(expression);
        return issue;
    }
}
