package org.azukari.ui.clinic;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.fhir.release.EverythingQuery;
import org.azukari.fhir.release.Receipts;
import org.azukari.fhir.release.RecipientPseudonym;
import org.azukari.fhir.release.Release;
import org.azukari.fhir.release.ReleaseCaller;
import org.azukari.fhir.release.ReleaseRefusedException;
import org.azukari.fhir.release.Released;
import org.azukari.fhir.release.ShareCodeExchange;
import org.azukari.identity.api.Caller;
import org.azukari.ui.web.Dates;
import org.azukari.ui.web.PageNotFound;
import org.azukari.ui.web.SignedIn;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The clinic view, for clinics without a FHIR-capable EMR: a practitioner enters the share code a
 * resident shows them (in a form body, never a URL) with the purpose of use, and reads what the
 * release returns under their clinic's pseudonym for the resident, or opens emergency access with
 * a reason. Every read goes through {@link Release} exactly as the FHIR API's do: the consent
 * decision, never-share marks, emergency openings, the access-log entry written before anything
 * is decrypted, and a signed receipt (over the released Bundle's compact JSON) whose copy the
 * resident keeps. Nothing typed and nothing released is logged. Emergency access is opened in
 * {@link ClinicEmergencyController}; refusals become error pages in {@link ClinicPages}.
 */
@Controller
class ClinicController extends ClinicPages {

    static final int PAGE = 100;

    private final ClinicPurposes purposes;
    private final ShareCodeExchange exchange;
    private final Release release;
    private final Receipts receipts;
    private final EmergencyOpenings openings;
    private final EmergencyAccesses emergencies;
    private final Dates dates;
    private final Clock clock;

    ClinicController(ClinicPurposes purposes, ShareCodeExchange exchange, Release release, Receipts receipts,
                     EmergencyOpenings openings, EmergencyAccesses emergencies, Dates dates,
                     ObjectProvider<Clock> clock) {
        this.dates = dates;
        this.purposes = purposes;
        this.exchange = exchange;
        this.release = release;
        this.receipts = receipts;
        this.openings = openings;
        this.emergencies = emergencies;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/clinic")
    String start(Model model, Locale locale) {
        return startPage(model, locale, null, null);
    }

    /** Post-redirect-get: a good code leads to the records under the clinic's pseudonym; any other is one message. */
    @PostMapping("/clinic/share-code")
    Object exchange(@RequestParam(name = "code", required = false) String code,
                    @RequestParam(name = "purpose", required = false) String purpose, Model model, Locale locale,
                    HttpServletResponse response) {
        Caller caller = SignedIn.caller();
        ReleaseCaller releaseCaller = purposes.caller(caller, purpose);
        Patient patient;
        try {
            patient = exchange.exchange(releaseCaller, code == null ? "" : code);
        } catch (ReleaseRefusedException refused) {
            if (refused.status() != 404) {
                throw refused;
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return startPage(model, locale, "clinic.code.refused", releaseCaller.purpose().code());
        }
        return seeOther(patient.getIdElement().getIdPart(), releaseCaller.purpose().code());
    }

    @GetMapping("/clinic/patients/{pseudonym}")
    String records(@PathVariable String pseudonym, @RequestParam(name = "purpose", required = false) String purpose,
                   @RequestParam(name = "from", defaultValue = "0") int from, Model model, Locale locale) {
        if (!RecipientPseudonym.wellFormed(pseudonym) || from < 0 || from > 100_000) {
            throw new PageNotFound("not a pseudonym");
        }
        RecipientPseudonym patient = new RecipientPseudonym(pseudonym);
        ReleaseCaller caller = purposes.caller(SignedIn.caller(), purpose);
        model.addAttribute("pseudonym", pseudonym);
        model.addAttribute("purpose", caller.purpose().code());
        model.addAttribute("purposeLabel", purposes.of(SignedIn.caller(), locale).stream()
                .filter(c -> c.code().equals(caller.purpose().code())).map(ClinicPurposes.Choice::label)
                .findFirst().orElse(caller.purpose().code()));
        String self = "/clinic/patients/" + pseudonym;
        EverythingQuery query = new EverythingQuery(patient, Set.of(), Optional.empty(), PAGE,
                "_count=" + PAGE + "&patient=" + pseudonym);
        Released released;
        try {
            released = release.everything(caller, query, from, offset -> link(self, caller, offset), "");
        } catch (ReleaseRefusedException refused) {
            if (refused.status() != 404) {
                throw refused;
            }
            // No consent (or nothing at all) for this clinic and purpose: the same answer as an unknown pseudonym.
            model.addAttribute("released", false);
            return "clinic/patient";
        }
        Bundle bundle = (Bundle) released.body();
        byte[] body = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false)
                .encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
        Receipts.Signed receipt = receipts.issue(released.facts(), body);
        SharedRecords shared = SharedRecords.of(bundle, dates);
        model.addAttribute("released", true);
        model.addAttribute("patient", shared.patient().orElse(null));
        model.addAttribute("records", shared.records());
        model.addAttribute("someLeftOut", shared.completeness() == SharedRecords.Completeness.SOME_LEFT_OUT);
        model.addAttribute("receipt", receipt);
        model.addAttribute("from", from);
        model.addAttribute("next", bundle.getLink("next") == null ? null : link(self, caller, from + PAGE));
        model.addAttribute("previous", from == 0 ? null : link(self, caller, Math.max(0, from - PAGE)));
        model.addAttribute("emergency", released.facts().emergency());
        if (released.facts().emergency()) {
            Instant now = clock.instant();
            emergencies.forResident(released.facts().resident()).stream()
                    .filter(e -> e.recipient().equals(caller.recipient()) && e.openAt(now))
                    .map(EmergencyAccess::until).max(Comparator.naturalOrder())
                    .ifPresent(until -> model.addAttribute("until", dates.minute(until)));
        }
        return "clinic/patient";
    }

    private String startPage(Model model, Locale locale, String error, String purpose) {
        Caller caller = SignedIn.caller();
        model.addAttribute("purposes", purposes.of(caller, locale));
        model.addAttribute("chosen", purpose);
        model.addAttribute("error", error);
        model.addAttribute("mayOpenEmergency", openings.mayOpen(caller));
        return "clinic/start";
    }

    private static String link(String self, ReleaseCaller caller, int offset) {
        return UriComponentsBuilder.fromPath(self).queryParam("purpose", caller.purpose().code())
                .queryParam("from", offset).encode().toUriString();
    }
}
