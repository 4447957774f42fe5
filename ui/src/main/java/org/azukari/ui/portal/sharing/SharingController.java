package org.azukari.ui.portal.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.api.WhoCanSee;
import org.azukari.fhir.release.ReceiptStore;
import org.azukari.fhir.release.ShareCodes;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.ui.consent.ConsentQuestion;
import org.azukari.ui.web.PageLanguage;
import org.azukari.ui.web.SignedIn;
import org.azukari.ui.web.OrganisationNames;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Who can see my data now, and why (from the active consents and emergency accesses), the
 * emergency accesses ever opened, the signed receipt of every release, and the share code a
 * resident shows a clinic (text and QR; issued by a posted form, shown once, never in a URL).
 */
@Controller
class SharingController {

    static final int RECEIPTS = 200;

    private final WhoCanSee whoCanSee;
    private final EmergencyAccesses emergencies;
    private final ReceiptStore receipts;
    private final ShareCodes shareCodes;
    private final OrganisationRegistry organisations;
    private final PurposeRegistry purposes;
    private final Clock clock;

    SharingController(WhoCanSee whoCanSee, EmergencyAccesses emergencies, ReceiptStore receipts, ShareCodes shareCodes,
                      OrganisationRegistry organisations, PurposeRegistry purposes, ObjectProvider<Clock> clock) {
        this.whoCanSee = whoCanSee;
        this.emergencies = emergencies;
        this.receipts = receipts;
        this.shareCodes = shareCodes;
        this.organisations = organisations;
        this.purposes = purposes;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record Recipient(String name, String purpose, String categories, Optional<Instant> until, boolean emergency) {
    }

    record Opening(String name, String reason, String categories, Instant opened, Instant until, boolean open,
                   boolean reviewed) {
    }

    record Receipt(String id, String recipient, Instant issuedAt, String json, String signature) {
    }

    @GetMapping("/portal/sharing")
    String page(Model model) {
        ResidentId resident = SignedIn.resident();
        String language = PageLanguage.current();
        Instant now = clock.instant();
        Map<String, String> names = names();
        model.addAttribute("recipients", whoCanSee.whoCanSee(resident, now).stream().map(g -> new Recipient(
                name(names, g.recipient().organisation()) + g.recipient().service().map(s -> " (" + s + ")").orElse(""),
                ConsentQuestion.purposeLabel(purposes, g.purpose(), language),
                ConsentQuestion.grantLabel(g.categories(), g.withheld(), language), g.until(), g.emergency())).toList());
        model.addAttribute("openings", emergencies.forResident(resident).stream().map(e -> new Opening(
                name(names, e.recipient().organisation()), e.reason(),
                ConsentQuestion.categoriesLabel(e.categories(), language), e.opened(), e.until(), e.openAt(now),
                e.review().isPresent())).toList());
        model.addAttribute("receipts", receipts.forResident(resident, RECEIPTS).stream().map(r -> new Receipt(r.id(),
                name(names, r.recipient()), r.issuedAt(), r.json(), r.signature())).toList());
        return "portal/sharing";
    }

    @GetMapping("/portal/share-code")
    String shareCodePage() {
        SignedIn.resident();
        return "portal/share-code";
    }

    @PostMapping("/portal/share-code")
    String issue(Model model) {
        ShareCodes.Issued issued = shareCodes.issue(SignedIn.resident());
        model.addAttribute("code", issued.code());
        model.addAttribute("expiresAt", issued.expiresAt());
        model.addAttribute("qr", QrCode.of(issued.code()));
        return "portal/share-code";
    }

    private Map<String, String> names() {
        return OrganisationNames.of(organisations);
    }

    private static String name(Map<String, String> names, String organisation) {
        return names.getOrDefault(organisation, organisation);
    }
}
