package org.azukari.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.azukari.fhir.ingest.DroppedElements;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * Elements FHIR R4 does not define (an R5-only element, a misspelt one) are dropped by HAPI's
 * lenient parser; the source is told so with a warning (FG-0214, {@link DroppedElements}) for
 * each entry that had one, instead of silence. The server's parser records, per request thread,
 * that it dropped something (the common case, nothing dropped, costs nothing more); only then is
 * each entry of a JSON Bundle parsed again on its own to name the entry. An XML Bundle's
 * warnings name the Bundle.
 */
@Interceptor
final class UnknownElements extends LenientErrorHandler {

    private static final ThreadLocal<Set<String>> DROPPED = new ThreadLocal<>();

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
        DroppedElements.record(DROPPED.get(), location, name);
    }

    @Override
    public void unknownAttribute(IParseLocation location, String name) {
        DroppedElements.record(DROPPED.get(), location, name);
    }

    /** The warnings for what parsing this request's input dropped, each naming its entry; none in the common case. */
    static List<OperationOutcomeIssueComponent> warnings(Resource input, RequestDetails request) {
        Set<String> dropped = DROPPED.get();
        if (dropped == null || dropped.isEmpty()) {
            return List.of();
        }
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        if (input instanceof Bundle && isJson(request)) {
            DroppedElements.perEntry(request.getFhirContext(), request.loadRequestContents()).forEach(found ->
                    issues.add(DroppedElements.warning(found.element(), "Bundle.entry[" + found.entry() + "].resource")));
        }
        if (issues.isEmpty()) {
            dropped.forEach(element -> issues.add(DroppedElements.warning(element, input.fhirType())));
        }
        return issues;
    }

    private static boolean isJson(RequestDetails request) {
        EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
        return encoding == null || encoding == EncodingEnum.JSON;
    }
}
