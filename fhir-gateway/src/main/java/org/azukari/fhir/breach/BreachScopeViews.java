package org.azukari.fhir.breach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.ReceiptStore;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.fhir.breach.BreachScope.Affected;
import org.azukari.fhir.breach.BreachScope.Compromised;
import org.azukari.fhir.breach.BreachScope.Window;
import org.azukari.trustbank.api.Enrolment;
import org.azukari.trustbank.api.TrustBank;

/**
 * A breach scope as JSON, one page of residents: each by account id (and, for auditors, resident
 * id), whether they have since erased their data, how many requests and records, which types and
 * categories, and every release with its log position, request id and signed receipt (releases) or
 * dataset request (exports). Ids, counts and categories only: never record content.
 */
public class BreachScopeViews {

    public enum Audience { OPERATOR, AUDITOR }

    private static final int MAX_RECEIPTS = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeopleRegistry people;
    private final ReceiptStore receipts;
    private final TrustBank bank;

    public BreachScopeViews(PeopleRegistry people, ReceiptStore receipts, TrustBank bank) {
        this.people = people;
        this.receipts = receipts;
        this.bank = bank;
    }

    public Map<String, Object> scope(Compromised compromised, Window window, List<Affected> affected, int offset, int limit,
                              Audience audience) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("compromised", Map.of("kind", compromised.kind().name().toLowerCase(), "id", compromised.id()));
        view.put("from", window.from().toString());
        view.put("to", window.to().toString());
        view.put("residents", affected.size());
        view.put("requests", affected.stream().mapToInt(a -> a.releases().size()).sum());
        view.put("records", affected.stream().mapToInt(Affected::records).sum());
        view.put("offset", offset);
        view.put("limit", limit);
        List<Map<String, Object>> items = new ArrayList<>();
        affected.stream().skip(offset).limit(limit).forEach(a -> items.add(resident(a, audience)));
        view.put("items", items);
        if (offset + limit < affected.size()) {
            view.put("next", offset + limit);
        }
        return view;
    }

    private Map<String, Object> resident(Affected affected, Audience audience) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("account", people.accountOf(affected.resident()).map(AccountId::toString).orElse(null));
        if (audience == Audience.AUDITOR) {
            view.put("resident", affected.resident().toString());
        }
        view.put("erased", bank.enrolment(affected.resident()) == Enrolment.ERASED);
        view.put("requests", affected.releases().size());
        view.put("records", affected.records());
        view.put("resourceCounts", affected.resourceCounts());
        view.put("categories", affected.categories().stream().map(DataCategory::name).sorted().toList());
        view.put("first", affected.releases().get(0).at().toString());
        view.put("last", affected.releases().get(affected.releases().size() - 1).at().toString());
        Map<String, String> receiptByRequest = receiptsByRequest(affected.resident());
        view.put("releases", affected.releases().stream().map(l -> release(l, receiptByRequest)).toList());
        return view;
    }

    private static Map<String, Object> release(LoggedEntry logged, Map<String, String> receiptByRequest) {
        AccessLogEntry entry = logged.entry();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sequence", logged.sequence());
        view.put("at", logged.at().toString());
        view.put("action", entry.action().name());
        view.put("actorKind", entry.actor().kind().name());
        entry.actor().organisation().ifPresent(o -> view.put("organisation", o));
        entry.actor().client().ifPresent(c -> view.put("client", c));
        view.put("purpose", entry.purpose().map(Purpose::code).orElse(null));
        view.put("resourceCounts", entry.resourceCounts());
        view.put("categories", entry.categories().stream().map(DataCategory::name).sorted().toList());
        view.put("requestId", entry.requestId());
        Optional.ofNullable(receiptByRequest.get(entry.requestId())).ifPresent(r -> view.put("receipt", r));
        if (entry.action() == AccessAction.EXPORT && entry.requestId().indexOf('.') > 0) {
            view.put("dataset", entry.requestId().substring(0, entry.requestId().indexOf('.')));
        }
        return view;
    }

    private Map<String, String> receiptsByRequest(ResidentId resident) {
        Map<String, String> byRequest = new HashMap<>();
        for (ReceiptStore.StoredReceipt receipt : receipts.forResident(resident, MAX_RECEIPTS)) {
            try {
                Optional.ofNullable(JSON.readTree(receipt.json()).path("requestId").textValue())
                        .ifPresent(request -> byRequest.put(request, receipt.id()));
            } catch (JsonProcessingException unreadable) {
                // a receipt that does not parse names no request; the release is still listed
            }
        }
        return byRequest;
    }
}
