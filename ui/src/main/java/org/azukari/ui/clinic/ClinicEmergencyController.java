package org.azukari.ui.clinic;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.fhir.release.RecipientPseudonym;
import org.azukari.fhir.release.Release;
import org.azukari.fhir.release.ReleaseCaller;
import org.azukari.identity.api.Caller;
import org.azukari.ui.web.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Break-glass from the clinic view: a practitioner holding the emergency role names a resident by
 * an identifier their organisation knows and gives a reason; the opening is for their
 * organisation, and they are sent to the resident's records ({@link ClinicController}) under the
 * clinic's pseudonym.
 */
@Controller
class ClinicEmergencyController extends ClinicPages {

    private final ClinicPurposes purposes;
    private final Release.Introductions introductions;
    private final EmergencyOpenings openings;

    ClinicEmergencyController(ClinicPurposes purposes, Release.Introductions introductions,
                              EmergencyOpenings openings) {
        this.purposes = purposes;
        this.introductions = introductions;
        this.openings = openings;
    }

    @GetMapping("/clinic/emergency")
    String emergencyForm(Model model, Locale locale) {
        return emergencyPage(model, locale, null, "", "", "", null);
    }

    /** Opens break-glass access for the practitioner's organisation, then shows what it allows. */
    @PostMapping("/clinic/emergency")
    Object openEmergency(@RequestParam(name = "system", required = false) String system,
                         @RequestParam(name = "value", required = false) String value,
                         @RequestParam(name = "reason", required = false) String reason,
                         @RequestParam(name = "purpose", required = false) String purpose, Model model, Locale locale,
                         HttpServletResponse response) {
        Caller caller = SignedIn.caller();
        if (!openings.mayOpen(caller)) {
            throw new EmergencyOpenings.NotAllowed();
        }
        ReleaseCaller releaseCaller = purposes.caller(caller, purpose);
        EmergencyAccess opened;
        try {
            opened = openings.open(caller, system, value, reason);
        } catch (IllegalArgumentException missing) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            String message = missing instanceof Coded coded && coded.errorCode() == ConsentPolicyError.CP_0230
                    ? "clinic.emergency.reasonRequired" : "clinic.emergency.fieldsRequired";
            return emergencyPage(model, locale, message, system, value, reason, releaseCaller.purpose().code());
        } catch (EmergencyOpenings.NoSuchResident unknown) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return emergencyPage(model, locale, "clinic.emergency.unknown", system, value, reason,
                    releaseCaller.purpose().code());
        }
        RecipientPseudonym pseudonym = introductions.pseudonyms().of(releaseCaller.organisation(), opened.resident());
        introductions.directory().remember(releaseCaller.organisation(), pseudonym, opened.resident());
        return seeOther(pseudonym.value(), releaseCaller.purpose().code());
    }

    private String emergencyPage(Model model, Locale locale, String error, String system, String value,
                                 String reason, String purpose) {
        Caller caller = SignedIn.caller();
        model.addAttribute("purposes", purposes.of(caller, locale));
        model.addAttribute("chosen", purpose);
        model.addAttribute("error", error);
        model.addAttribute("mayOpenEmergency", openings.mayOpen(caller));
        model.addAttribute("system", system == null ? "" : system);
        model.addAttribute("value", value == null ? "" : value);
        model.addAttribute("reason", reason == null ? "" : reason);
        model.addAttribute("minReason", EmergencyAccess.MIN_REASON);
        model.addAttribute("maxReason", EmergencyAccess.MAX_REASON);
        return "clinic/emergency";
    }
}
