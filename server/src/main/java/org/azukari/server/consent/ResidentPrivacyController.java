package org.azukari.server.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.NeverShare;
import org.azukari.consent.api.WhoCanSee;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A resident's never-share marks, who can see their data now, and the emergency accesses to it. */
@RestController
@RequestMapping(path = "/portal/api", produces = MediaType.APPLICATION_JSON_VALUE)
class ResidentPrivacyController {

    private final NeverShare neverShare;
    private final WhoCanSee whoCanSee;
    private final EmergencyAccesses emergencies;
    private final Clock clock;

    ResidentPrivacyController(NeverShare neverShare, WhoCanSee whoCanSee, EmergencyAccesses emergencies,
                              ObjectProvider<Clock> clock) {
        this.neverShare = neverShare;
        this.whoCanSee = whoCanSee;
        this.emergencies = emergencies;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record NeverShareForm(List<String> categories) {
    }

    @GetMapping("/never-share")
    Map<String, Object> neverShare() {
        return marks(neverShare.marks(Callers.resident()));
    }

    @PutMapping("/never-share")
    Map<String, Object> replace(@RequestBody NeverShareForm form) {
        if (form == null || form.categories() == null) {
            throw new BadInputException(FhirGatewayError.OP_0002, "categories are required");
        }
        Set<ConsentCategory> marks = form.categories().stream().map(ConsentCategory::parse).collect(Collectors.toSet());
        return marks(neverShare.replace(Callers.resident(), marks, Callers.actor()));
    }

    @GetMapping("/who-can-see")
    List<Map<String, Object>> whoCanSee() {
        return whoCanSee.whoCanSee(Callers.resident(), clock.instant()).stream().map(g -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("recipient", g.recipient().organisation());
            g.recipient().service().ifPresent(s -> view.put("service", s));
            view.put("purpose", g.purpose().code());
            view.put("categories", g.categories().stream().map(ConsentCategory::toString).sorted().toList());
            view.put("withheld", g.withheld().stream().map(ConsentCategory::toString).sorted().toList());
            g.until().ifPresent(u -> view.put("until", u.toString()));
            view.put("emergency", g.emergency());
            view.put("basis", g.basis().id());
            return view;
        }).toList();
    }

    @GetMapping("/emergency-accesses")
    List<Map<String, Object>> emergencyAccesses() {
        Instant now = clock.instant();
        return emergencies.forResident(Callers.resident()).stream().map(e -> view(e, now)).toList();
    }

    /** What the resident and the reviewing operator see of an opening, the practitioner's reason included. */
    static Map<String, Object> view(EmergencyAccess e, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id().value());
        view.put("recipient", e.recipient().organisation());
        e.recipient().service().ifPresent(s -> view.put("service", s));
        view.put("practitioner", e.practitioner());
        view.put("reason", e.reason());
        view.put("categories", e.categories().stream().map(ConsentCategory::toString).sorted().toList());
        view.put("opened", e.opened().toString());
        view.put("until", e.until().toString());
        view.put("open", e.openAt(now));
        view.put("reviewed", e.review().isPresent());
        e.review().ifPresent(r -> view.put("reviewedAt", r.at().toString()));
        return view;
    }

    private static Map<String, Object> marks(Set<ConsentCategory> marks) {
        return Map.of("categories", marks.stream().map(ConsentCategory::toString).sorted().toList());
    }
}
