package org.azukari.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.mapping.OperationOutcomes;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Refuses content declared as another FHIR version ({@code application/fhir+json;
 * fhirVersion=5.0}) with 415, as the FHIR version negotiation rules ask, instead of parsing it
 * as R4 and failing somewhere inside.
 */
@Interceptor
final class FhirVersionInterceptor {

    private static final Pattern VERSION = Pattern.compile(";\\s*fhirVersion\\s*=\\s*\"?([0-9.]+)");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    boolean refuseOtherVersions(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return true;
        }
        Matcher version = VERSION.matcher(contentType.toLowerCase(Locale.ROOT).replace("fhirversion", "fhirVersion"));
        if (version.find() && !version.group(1).startsWith("4.0")) {
            FhirGatewayError code = FhirGatewayError.FG_0209;
            OperationOutcome outcome = OperationOutcomes.error(OperationOutcome.IssueType.NOTSUPPORTED,
                    code.message("this server speaks FHIR R4 (4.0.1); the content is declared as FHIR "
                            + version.group(1)));
            throw new UnclassifiedServerFailureException(code.status(), code.code(), outcome);
        }
        return true;
    }
}
