package org.azukari.server.accesslog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.ReceiptStore;
import org.azukari.fhir.api.AuditEvents;
import org.azukari.identity.api.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a resident sees of the access log: every entry about their own data, newest first, each
 * release with the id of its signed receipt ({@code receipt}, the same id as in
 * {@code /portal/api/receipts}). The resident is taken from the signed-in subject, never from the
 * request, so there is no other resident to ask about.
 */
@RestController
class ResidentAccessLogController {

    private static final int MAX_RECEIPTS = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessLogSearch search;
    private final ReceiptStore receipts;
    private final DatasetRequests datasets;

    ResidentAccessLogController(AccessLogSearch search, ReceiptStore receipts, DatasetRequests datasets) {
        this.search = search;
        this.receipts = receipts;
        this.datasets = datasets;
    }

    @GetMapping(path = "/portal/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> ownEntries() {
        Map<String, String> receiptByRequest = new HashMap<>();
        ownResident().ifPresent(resident -> receipts.forResident(resident, MAX_RECEIPTS)
                .forEach(receipt -> requestIdOf(receipt).ifPresent(request -> receiptByRequest.put(request, receipt.id()))));
        return ownLoggedEntries().stream().map(logged -> {
            Map<String, Object> view = new LinkedHashMap<>(EntryViews.forResident(logged));
            String receipt = receiptByRequest.get(logged.entry().requestId());
            if (receipt != null) {
                view.put("receipt", receipt);
            }
            datasetOf(logged).ifPresent(dataset -> {
                view.put("dataset", dataset.id().value());
                view.put("datasetTitle", dataset.spec().title());
            });
            return view;
        }).toList();
    }

    /** An export's entry names its dataset request: "included in dataset X for service Y, purpose Z". */
    private Optional<DatasetRequest> datasetOf(LoggedEntry logged) {
        String request = logged.entry().requestId();
        if (logged.entry().action() != AccessAction.EXPORT || !request.startsWith("ds-") || request.indexOf('.') < 0) {
            return Optional.empty();
        }
        try {
            return datasets.find(new DatasetRequestId(request.substring(0, request.indexOf('.'))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<String> requestIdOf(ReceiptStore.StoredReceipt receipt) {
        try {
            return Optional.ofNullable(JSON.readTree(receipt.json()).path("requestId").textValue());
        } catch (JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<ResidentId> ownResident() {
        return ((Caller) SecurityUtils.getSubject().getPrincipal()).resident();
    }

    /** The same as FHIR AuditEvent resources; the resident's internal id is never shown. */
    @GetMapping(path = "/portal/fhir/AuditEvent", produces = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE})
    String ownAuditEvents() {
        return AuditEvents.searchsetJson(ownLoggedEntries(), AuditEvents.Audience.RESIDENT_SELF);
    }

    private List<LoggedEntry> ownLoggedEntries() {
        return ownResident().map(resident -> search.search(AccessLogQuery.forResident(resident))).orElse(List.of());
    }
}
