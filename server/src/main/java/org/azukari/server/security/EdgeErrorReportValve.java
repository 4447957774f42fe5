package org.azukari.server.security;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error page, for requests refused before the application sees them
 * (an encoded slash or backslash, a NUL byte, an over-long header line): the edge's JSON
 * shapes instead of Tomcat's HTML page. Fixed texts only.
 */
final class EdgeErrorReportValve extends ErrorReportValve {

    EdgeErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String uri = request.getRequestURI();
        boolean fhir = uri != null && (uri.equals("/fhir") || uri.startsWith("/fhir/"));
        String text = status >= 500 ? "The request could not be completed." : "The request was refused.";
        try {
            response.setContentType(fhir ? Responses.FHIR_JSON : Responses.PROBLEM_JSON);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(fhir ? Responses.operationOutcome(status, text) : Responses.problem(status, text));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // nothing more can be said to this client
        }
    }
}
