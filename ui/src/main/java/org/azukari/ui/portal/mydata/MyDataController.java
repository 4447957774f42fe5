package org.azukari.ui.portal.mydata;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.OperationOutcomes;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.ui.portal.activity.ResidentActivity;
import org.azukari.ui.records.Readable;
import org.azukari.ui.records.ResidentRecords;
import org.azukari.ui.web.SignedIn;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Everything the bank holds about me, to take away (a FHIR Bundle; the access log as CSV is on the
 * access-log page) or to erase. The download is written to the access log before anything is
 * decrypted (no log, no download). Erasing destroys the resident's key in the vault (every copy of
 * their records becomes unreadable at once), then withdraws their active consents; what remains
 * is the access log, which the bank must keep.
 */
@Controller
class MyDataController {

    static final String CONFIRMATION = "erase-everything";

    private final TrustBank bank;
    private final ResidentRecords records;
    private final AccessLog accessLog;
    private final Consents consents;
    private final ResidentActivity activity;
    private final Clock clock;
    private final FhirContext fhir = FhirContext.forR4Cached();

    MyDataController(TrustBank bank, ResidentRecords records, AccessLog accessLog, Consents consents,
                     ResidentActivity activity, ObjectProvider<Clock> clock) {
        this.bank = bank;
        this.records = records;
        this.accessLog = accessLog;
        this.consents = consents;
        this.activity = activity;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/portal/my-data")
    String page(Model model) {
        ResidentId resident = SignedIn.resident();
        boolean holding = bank.isEnrolled(resident);
        List<StoredRecord> stored = holding ? bank.list(resident) : List.of();
        model.addAttribute("holding", holding);
        model.addAttribute("recordCount", stored.size());
        model.addAttribute("logCount", activity.logged(resident).size());
        return "portal/my-data";
    }

    @GetMapping("/portal/my-data/records.json")
    void download(HttpServletResponse response) throws IOException {
        ResidentId resident = SignedIn.resident();
        List<StoredRecord> stored = bank.isEnrolled(resident) ? bank.list(resident) : List.of();
        Map<String, Integer> counts = new TreeMap<>();
        stored.forEach(r -> counts.merge(r.type().value(), 1, Integer::sum));
        Set<DataCategory> categories = stored.stream().map(StoredRecord::category).collect(Collectors.toSet());
        accessLog.append(new AccessLogEntry(SignedIn.actor(), Optional.of(resident), AccessAction.EXPORT,
                new TreeMap<>(counts), categories, Optional.empty(), Set.of(), AccessDecision.PERMIT,
                "resident-download", "dl-" + UUID.randomUUID(), Optional.empty()));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION).setTimestamp(Date.from(clock.instant()));
        Readable<Resource> readable = stored.isEmpty() ? new Readable<>(List.of(), List.of())
                : records.resources(resident);
        readable.records().forEach(r -> bundle.addEntry().setResource(r));
        readable.unreadable().forEach(id -> bundle.addEntry().setResource(notIncluded(id)));
        byte[] body = fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle)
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"azukari-records.json\"");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The entry that stands in the download for a record whose content could not be parsed: its
     * bank id and {@link ResidentRecords#UNREADABLE}, never its content.
     */
    private static OperationOutcome notIncluded(String recordId) {
        return OperationOutcomes.warning(OperationOutcome.IssueType.INCOMPLETE,
                ResidentRecords.UNREADABLE + " record " + recordId + " could not be read and is not included");
    }

    @GetMapping("/portal/my-data/erase")
    String confirm(Model model) {
        ResidentId resident = SignedIn.resident();
        model.addAttribute("recordCount", bank.isEnrolled(resident) ? bank.list(resident).size() : 0);
        model.addAttribute("confirmation", CONFIRMATION);
        return "portal/erase";
    }

    @PostMapping("/portal/my-data/erase")
    String erase(@RequestParam(defaultValue = "") String understood, @RequestParam(defaultValue = "") String confirm,
                 Model model, HttpServletResponse response) {
        ResidentId resident = SignedIn.resident();
        if (!"yes".equals(understood) || !CONFIRMATION.equals(confirm.strip())) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("recordCount", bank.isEnrolled(resident) ? bank.list(resident).size() : 0);
            model.addAttribute("confirmation", CONFIRMATION);
            model.addAttribute("notConfirmed", true);
            return "portal/erase";
        }
        // also without records yet: the erasure is remembered, so that no source starts a custody later
        bank.erase(resident);
        Instant now = clock.instant();
        for (Consent consent : consents.forResident(resident)) {
            if (consent.statusAt(now) == ConsentStatus.ACTIVE) {
                consents.withdraw(resident, consent.id(), "erasure", SignedIn.actor());
            }
        }
        return "redirect:/portal/my-data?erased";
    }
}
