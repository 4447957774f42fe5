package org.azukari.ui.portal.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.ReceiptStore;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.ui.web.OrganisationNames;
import org.springframework.stereotype.Component;

/**
 * What a resident sees of the access log: every entry about their own data, newest first, each
 * release with the id of its signed receipt and each export with its dataset. Shared by the
 * portal's page, its CSV and the JSON API, so they never disagree.
 */
@Component
public class ResidentActivity {

    static final int MAX_RECEIPTS = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessLogSearch search;
    private final ReceiptStore receipts;
    private final DatasetRequests datasets;
    private final OrganisationRegistry organisations;
    private final PurposeRegistry purposes;

    public ResidentActivity(AccessLogSearch search, ReceiptStore receipts, DatasetRequests datasets,
                            OrganisationRegistry organisations, PurposeRegistry purposes) {
        this.search = search;
        this.receipts = receipts;
        this.datasets = datasets;
        this.organisations = organisations;
        this.purposes = purposes;
    }

    /** The entries as the pages show them, names and purpose labels in {@code locale}, newest first. */
    public List<ActivityRow> rows(ResidentId resident, Locale locale) {
        Map<String, String> names = OrganisationNames.of(organisations);
        return entries(resident).stream().map(e -> {
            AccessLogEntry entry = e.logged().entry();
            Optional<String> organisation = entry.actor().organisation();
            Optional<Purpose> purpose = entry.purpose();
            return new ActivityRow(e.logged().at(), entry.action().name(), entry.actor().kind().name(), organisation,
                    organisation.map(o -> names.getOrDefault(o, o)), purpose.map(Purpose::code),
                    purpose.map(p -> purposes.find(p).map(x -> x.label(locale)).orElse(p.code())),
                    entry.categories().stream().map(DataCategory::name).sorted().toList(),
                    entry.resourceCounts().entrySet().stream().map(c -> c.getKey() + " " + c.getValue())
                            .collect(Collectors.joining(", ")),
                    entry.decision().name(), entry.reason(), e.emergency(), e.receipt(),
                    e.dataset().map(d -> d.spec().title()), entry.emergencyOpening());
        }).sorted(Comparator.comparing(ActivityRow::at).reversed()).toList();
    }

    /** One entry, with the receipt of its release and the dataset of its export when there is one. */
    public record Entry(LoggedEntry logged, Optional<String> receipt, Optional<DatasetRequest> dataset) {

        public boolean emergency() {
            return logged.entry().emergency();
        }
    }

    public List<LoggedEntry> logged(ResidentId resident) {
        return search.search(AccessLogQuery.forResident(resident));
    }

    public List<Entry> entries(ResidentId resident) {
        Map<String, String> receiptByRequest = new HashMap<>();
        receipts.forResident(resident, MAX_RECEIPTS).forEach(receipt -> requestIdOf(receipt)
                .ifPresent(request -> receiptByRequest.put(request, receipt.id())));
        return logged(resident).stream().map(logged -> new Entry(logged,
                Optional.ofNullable(receiptByRequest.get(logged.entry().requestId())), datasetOf(logged))).toList();
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
}
