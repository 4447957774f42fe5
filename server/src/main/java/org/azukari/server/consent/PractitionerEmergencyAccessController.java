package org.azukari.server.consent;

import java.util.LinkedHashMap;
import java.util.Map;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.Caller;
import org.azukari.server.web.Forbidden;
import org.azukari.server.web.NotFound;
import org.azukari.ui.clinic.EmergencyOpenings;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A practitioner holding the emergency role opens break-glass access to a resident, found by the
 * identifier the practitioner's own organisation linked them with (MRN, insurance number), for the
 * configured time and kinds of data, giving a reason. Anyone else is refused (403) before anything
 * is looked up. The role is read from the registry on every call, so a revocation counts at once.
 * The answer names the opening, its categories and expiry, never the resident; an unknown
 * identifier answers 404 without quoting it. The reason is stored for the resident and the
 * reviewing operator and never logged. The rules live in {@link EmergencyOpenings}, which the
 * clinic's web page uses too.
 */
@RestController
@RequestMapping(path = "/portal/api", produces = MediaType.APPLICATION_JSON_VALUE)
class PractitionerEmergencyAccessController {

    private final EmergencyOpenings openings;

    PractitionerEmergencyAccessController(EmergencyOpenings openings) {
        this.openings = openings;
    }

    record OpenForm(String system, String value, String reason) {
        @Override
        public String toString() {
            return "OpenForm[redacted]";
        }
    }

    @PostMapping("/emergency-access")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> open(@RequestBody(required = false) OpenForm form) {
        Caller caller = Callers.caller();
        if (!openings.mayOpen(caller)) {
            throw new Forbidden(ConsentPolicyError.CP_0234, "emergency access needs a practitioner holding the emergency role");
        }
        if (form == null) {
            throw new BadInputException(FhirGatewayError.OP_0002, "system, value and reason are required");
        }
        EmergencyAccess opened;
        try {
            opened = openings.open(caller, form.system(), form.value(), form.reason());
        } catch (EmergencyOpenings.NotAllowed e) {
            throw new Forbidden(ConsentPolicyError.CP_0234, "emergency access needs a practitioner holding the emergency role");
        } catch (EmergencyOpenings.NoSuchResident e) {
            throw new NotFound("no resident linked to that identifier by your organisation");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", opened.id().value());
        view.put("recipient", opened.recipient().organisation());
        view.put("categories", opened.categories().stream().map(ConsentCategory::toString).sorted().toList());
        view.put("opened", opened.opened().toString());
        view.put("until", opened.until().toString());
        return view;
    }
}
