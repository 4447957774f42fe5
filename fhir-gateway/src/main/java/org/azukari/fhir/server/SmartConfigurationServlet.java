package org.azukari.fhir.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.azukari.identity.api.SmartConfiguration;

/**
 * {@code GET /fhir/.well-known/smart-configuration}. An exact servlet mapping, because the FHIR
 * server owns every other path under {@code /fhir/}.
 */
public final class SmartConfigurationServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient SmartConfiguration configuration;

    public SmartConfigurationServlet(SmartConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), configuration.body());
    }
}
