package org.azukari.server.consent;

import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.ui.consent.ConsentQuestion;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentId;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.server.web.NotFound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's own consents: list with history, pending requests (asked in the mission's words),
 * answer, grant, withdraw. The resident is the signed-in caller; a consent of anyone else answers
 * 404 exactly like one that does not exist.
 */
@RestController
@RequestMapping(path = "/portal/api", produces = MediaType.APPLICATION_JSON_VALUE)
class ResidentConsentController {

    private final Consents consents;
    private final PurposeRegistry purposes;
    private final OrganisationRegistry organisations;
    private final Clock clock;

    ResidentConsentController(Consents consents, PurposeRegistry purposes, OrganisationRegistry organisations,
                              ObjectProvider<Clock> clock) {
        this.consents = consents;
        this.purposes = purposes;
        this.organisations = organisations;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record AnswerForm(String answer, String language, String textVersion) {
    }

    record GrantForm(String recipient, String service, String purpose, List<String> categories, Instant start,
                     Instant end, String language, String textVersion) {
    }

    @GetMapping("/consents")
    List<Map<String, Object>> consents() {
        Instant now = clock.instant();
        return consents.forResident(Callers.resident()).stream().map(c -> {
            Map<String, Object> view = view(c, now);
            view.put("history", consents.history(c.id()).stream().map(ResidentConsentController::version).toList());
            return view;
        }).toList();
    }

    @GetMapping("/consent-requests")
    List<Map<String, Object>> requests() {
        Instant now = clock.instant();
        return consents.pendingRequests(Callers.resident()).stream().map(c -> {
            Map<String, Object> view = view(c, now);
            Set<ConsentCategory> categories = c.terms().categories();
            view.put("purposeLabel", Map.of("ja", ConsentQuestion.purposeLabel(purposes, c.terms().purpose(), "ja"),
                    "en", ConsentQuestion.purposeLabel(purposes, c.terms().purpose(), "en")));
            view.put("categoriesLabel", Map.of("ja", ConsentQuestion.categoriesLabel(categories, "ja"),
                    "en", ConsentQuestion.categoriesLabel(categories, "en")));
            view.put("question", Map.of(
                    "ja", ConsentQuestion.text(purposes, c.terms().purpose(), categories, "ja", ConsentQuestion.VERSION),
                    "en", ConsentQuestion.text(purposes, c.terms().purpose(), categories, "en", ConsentQuestion.VERSION)));
            view.put("textVersion", ConsentQuestion.VERSION);
            return view;
        }).toList();
    }

    @PostMapping("/consent-requests/{id}/answer")
    Map<String, Object> answer(@PathVariable String id, @RequestBody AnswerForm form) {
        require(form != null && form.answer() != null && form.language() != null && form.textVersion() != null,
                "answer, language and textVersion are required");
        boolean yes = switch (form.answer()) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new BadInputException(ConsentPolicyError.CP_0251, "the answer is yes or no");
        };
        ResidentId resident = Callers.resident();
        Consent pending = own(resident, new ConsentId(id));
        ConsentEvidence evidence = ConsentEvidence.shown(ConsentQuestion.text(purposes, pending.terms().purpose(),
                pending.terms().categories(), form.language(), form.textVersion()), form.language(),
                form.textVersion(), clock.instant(), "portal");
        return view(consents.answer(resident, pending.id(), yes, evidence, Callers.actor()), clock.instant());
    }

    @PostMapping("/consents")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> grant(@RequestBody GrantForm form) {
        require(form != null && form.recipient() != null && form.purpose() != null && form.categories() != null
                && form.language() != null && form.textVersion() != null,
                "recipient, purpose, categories, language and textVersion are required");
        Recipient recipient = new Recipient(form.recipient(), Optional.ofNullable(form.service()));
        Purpose purpose = new Purpose(form.purpose());
        Organisation organisation = organisations.findOrganisation(new OrganisationId(recipient.organisation()))
                .filter(o -> o.purposes().contains(purpose))
                .orElseThrow(() -> new BadInputException(ConsentPolicyError.CP_0252, "no such recipient for this purpose"));
        Set<ConsentCategory> categories = form.categories().stream().map(ConsentCategory::parse)
                .collect(Collectors.toSet());
        Instant now = clock.instant();
        ConsentPeriod period = new ConsentPeriod(form.start() == null ? now : form.start(),
                Optional.ofNullable(form.end()));
        ConsentTerms terms = new ConsentTerms(recipient, purpose, categories, period);
        ConsentEvidence evidence = ConsentEvidence.shown(ConsentQuestion.text(purposes, purpose, categories,
                form.language(), form.textVersion()), form.language(), form.textVersion(), now, "portal");
        return view(consents.grant(Callers.resident(), terms, evidence, Callers.actor()), now);
    }

    @PostMapping("/consents/{id}/withdraw")
    Map<String, Object> withdraw(@PathVariable String id) {
        ResidentId resident = Callers.resident();
        Consent consent = own(resident, new ConsentId(id));
        return view(consents.withdraw(resident, consent.id(), "portal", Callers.actor()), clock.instant());
    }

    private Consent own(ResidentId resident, ConsentId id) {
        return consents.find(id).filter(c -> c.resident().equals(resident))
                .orElseThrow(() -> new NotFound("no such consent"));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new BadInputException(FhirGatewayError.OP_0002, message);
        }
    }

    static Map<String, Object> view(Consent c, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", c.id().value());
        view.put("version", c.version());
        view.put("status", c.statusAt(now).name());
        view.put("recipient", c.terms().recipient().organisation());
        c.terms().recipient().service().ifPresent(s -> view.put("service", s));
        view.put("purpose", c.terms().purpose().code());
        view.put("categories", c.terms().categories().stream().map(ConsentCategory::toString).sorted().toList());
        view.put("start", c.terms().period().start().toString());
        c.terms().period().end().ifPresent(e -> view.put("end", e.toString()));
        return view;
    }

    private static Map<String, Object> version(Consent c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", c.version());
        view.put("status", c.status().name());
        view.put("recorded", c.recorded().toString());
        c.evidence().ifPresent(e -> {
            view.put("language", e.language());
            view.put("textVersion", e.textVersion());
            view.put("textSha256", e.textSha256());
            view.put("text", e.text());
            view.put("channel", e.channel());
        });
        return view;
    }
}
