package org.azukari.server.datasets;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ca.uhn.fhir.context.FhirContext;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.mapping.FhirRefusals;
import org.azukari.fhir.mapping.OperationOutcomes;
import org.azukari.fhir.export.DatasetExports;
import org.azukari.fhir.export.ExportJob;
import org.azukari.fhir.export.ExportRefusedException;
import org.azukari.server.web.Forbidden;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Bulk Data status URL and files of an export ({@code /fhir/Group/{id}/$export} kicks it
 * off), for the wellness client that started it only — anyone else, an unknown or an expired job
 * is the same 404:
 *
 * <ul>
 *   <li>{@code GET /api/system/bulk/{job}}: 202 with {@code X-Progress} while it runs; 200 and the
 *       manifest when complete (with {@code suppressedResidents}, {@code suppressedRecords} and
 *       {@code suppressedRecordsByReason}, {@code includedResidents}, {@code expiresAt}); 503 with an
 *       OperationOutcome if it failed;</li>
 *   <li>{@code DELETE /api/system/bulk/{job}}: 202; a running export stops, its files are removed;</li>
 *   <li>{@code GET /api/system/bulk/{job}/{Type}.ndjson}: the file, decrypted while it streams.</li>
 * </ul>
 */
@RestController
class BulkExportController {

    private static final String NDJSON = "application/fhir+ndjson";
    /** When the client may kick a failed export off again, as the other 503s of the bank say. */

    private final DatasetExports exports;

    BulkExportController(DatasetExports exports) {
        this.exports = exports;
    }

    @GetMapping(path = "/api/system/bulk/{job}")
    ResponseEntity<?> status(@PathVariable String job, UriComponentsBuilder uri) {
        ExportJob export = exports.status(caller(), job);
        return switch (export.status()) {
            case RUNNING -> ResponseEntity.status(HttpStatus.ACCEPTED)
                    .header("X-Progress", export.residentsDone() + "/" + export.residentsTotal() + " residents")
                    .header("Retry-After", "2").build();
            case COMPLETE -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                    .body(manifest(export, uri));
            default -> outcome(HttpStatus.SERVICE_UNAVAILABLE, export.errorCode().orElse("EX-0729")
                    + " the export failed; nothing of it is kept. Kick it off again later");
        };
    }

    @DeleteMapping(path = "/api/system/bulk/{job}")
    ResponseEntity<Void> cancel(@PathVariable String job) {
        exports.cancel(caller(), job);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    /** Streamed line by line on the request's own thread (the caller's subject is bound to it). */
    @GetMapping(path = "/api/system/bulk/{job}/{type}.ndjson")
    void file(@PathVariable String job, @PathVariable String type, HttpServletResponse response) throws IOException {
        DatasetExports.ExportCaller caller = caller();
        ExportJob export = exports.status(caller, job);
        if (export.status() != ExportJob.Status.COMPLETE || !export.outputs().containsKey(type)) {
            throw new ExportRefusedException(404, FhirGatewayError.EX_0714, "no such export file");
        }
        response.setStatus(200);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        exports.download(caller, job, type, response.getOutputStream());
    }

    private static Map<String, Object> manifest(ExportJob export, UriComponentsBuilder uri) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("transactionTime", export.createdAt().toString());
        manifest.put("request", uri.cloneBuilder().replacePath("/fhir/Group/" + export.request() + "/$export")
                .replaceQuery(null).toUriString());
        manifest.put("requiresAccessToken", true);
        List<Map<String, Object>> output = new ArrayList<>();
        export.outputs().forEach((type, count) -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("type", type);
            file.put("url", uri.cloneBuilder().replacePath("/api/system/bulk/" + export.id() + "/" + type + ".ndjson")
                    .replaceQuery(null).toUriString());
            file.put("count", count);
            output.add(file);
        });
        manifest.put("output", output);
        manifest.put("error", List.of());
        manifest.put("includedResidents", export.includedResidents());
        manifest.put("suppressedResidents", export.suppressedResidents());
        manifest.put("suppressedRecords", export.suppressedRecords());
        manifest.put("suppressedRecordsByReason", export.suppressedByReason());
        manifest.put("expiresAt", export.expiresAt().toString());
        return manifest;
    }

    /**
     * The wellness client asking. Any other caller (a clinic EMR, a source feed) gets the answer
     * of an unknown job, as a foreign client does: whether a job exists is the kicking client's
     * business only.
     */
    private static DatasetExports.ExportCaller caller() {
        WellnessCallers wellness;
        try {
            wellness = WellnessCallers.current();
        } catch (Forbidden notAWellnessService) {
            throw ExportRefusedException.noSuchExport();
        }
        return new DatasetExports.ExportCaller(wellness.organisation().value(),
                wellness.caller().client().orElseThrow().value());
    }

    @ExceptionHandler(ExportRefusedException.class)
    ResponseEntity<String> refused(ExportRefusedException e) {
        return outcome(HttpStatus.valueOf(e.status()), e.getMessage());
    }

    private static ResponseEntity<String> outcome(HttpStatus status, String message) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            answer.header("Retry-After", FhirRefusals.RETRY_AFTER_SECONDS);
        }
        return answer.contentType(MediaType.parseMediaType("application/fhir+json")).body(FhirContext.forR4Cached()
                .newJsonParser().encodeResourceToString(FhirRefusals.outcome(status.value(), message)));
    }
}
