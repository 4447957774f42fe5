package org.azukari.ui.portal.consents;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentId;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.ConsentStatus;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.NeverShare;
import org.azukari.consent.api.PrivacyAssessment;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.ui.assessments.ServiceAssessments;
import org.azukari.ui.consent.ConsentQuestion;
import org.azukari.ui.web.OrganisationNames;
import org.azukari.ui.web.PageLanguage;
import org.azukari.ui.web.PageNotFound;
import org.azukari.ui.web.SignedIn;
import org.azukari.ui.web.UiError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The resident's consents: pending requests asked as the mission's yes/no question, active
 * consents (who, what, why, until when) each withdrawn with one button, every change kept as
 * history with the exact text that was shown, and the categories marked never-to-share. Answers
 * record as evidence the question in the language the page showed it.
 */
@Controller
class ConsentsController {

    private final Consents consents;
    private final NeverShare neverShare;
    private final PurposeRegistry purposes;
    private final OrganisationRegistry organisations;
    private final ServiceAssessments assessments;
    private final Clock clock;

    ConsentsController(Consents consents, NeverShare neverShare, PurposeRegistry purposes,
                       OrganisationRegistry organisations, ServiceAssessments assessments,
                       ObjectProvider<Clock> clock) {
        this.consents = consents;
        this.assessments = assessments;
        this.neverShare = neverShare;
        this.purposes = purposes;
        this.organisations = organisations;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A consent as the page shows it, in the reader's language. */
    record ConsentView(String id, int version, String status, String recipient, String purpose, String categories,
                       Instant start, Optional<Instant> end, String question, List<Consent> history,
                       Optional<ServiceSummary> service) {
    }

    /**
     * What a question waiting for an answer is about: the service (its kind), the summary of its
     * current privacy impact assessment (if one was recorded) and where its full assessment is.
     */
    record ServiceSummary(String organisation, String kind, Optional<PrivacyAssessment> assessment,
                          String dataItems) {
    }

    @GetMapping("/portal/consents")
    String page(Model model) {
        ResidentId resident = SignedIn.resident();
        String language = PageLanguage.current();
        Instant now = clock.instant();
        Map<String, String> names = OrganisationNames.of(organisations);
        List<ConsentView> pending = consents.pendingRequests(resident).stream()
                .map(c -> withService(view(c, now, language, names, false), c, language)).toList();
        List<ConsentView> active = new ArrayList<>();
        List<ConsentView> past = new ArrayList<>();
        for (Consent c : consents.forResident(resident)) {
            ConsentStatus status = c.statusAt(now);
            if (status == ConsentStatus.ACTIVE) {
                active.add(view(c, now, language, names, true));
            } else if (status != ConsentStatus.PROPOSED) {
                past.add(view(c, now, language, names, true));
            }
        }
        Set<String> marks = neverShare.marks(resident).stream().map(ConsentCategory::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        model.addAttribute("pending", pending);
        model.addAttribute("active", active);
        List<ConsentView> changed = new ArrayList<>(active);
        changed.addAll(past);
        model.addAttribute("changed", changed);
        model.addAttribute("marks", marks);
        model.addAttribute("markable", markable(marks).stream().collect(Collectors.toMap(m -> m,
                m -> ConsentQuestion.categoriesLabel(Set.of(ConsentCategory.parse(m)), language), (a, b) -> a,
                java.util.TreeMap::new)));
        model.addAttribute("language", language);
        model.addAttribute("textVersion", ConsentQuestion.VERSION);
        return "portal/consents";
    }

    @PostMapping("/portal/consents/requests/{id}/answer")
    String answer(@PathVariable String id, @RequestParam(defaultValue = "") String answer,
                  @RequestParam(defaultValue = "") String language, @RequestParam(defaultValue = "") String textVersion,
                  RedirectAttributes redirect) {
        boolean yes = switch (answer) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new BadInputException(ConsentPolicyError.CP_0251, "the answer is yes or no");
        };
        if (!language.equals("ja") && !language.equals("en")) {
            throw new BadInputException(UiError.UI_0421, "the question was shown in ja or en");
        }
        ResidentId resident = SignedIn.resident();
        Consent pending = own(resident, id);
        ConsentEvidence evidence = ConsentEvidence.shown(ConsentQuestion.text(purposes, pending.terms().purpose(),
                pending.terms().categories(), language, textVersion), language, textVersion, clock.instant(), "portal");
        consents.answer(resident, pending.id(), yes, evidence, SignedIn.actor());
        redirect.addFlashAttribute("done", yes ? "consents.done.yes" : "consents.done.no");
        return "redirect:/portal/consents";
    }

    @PostMapping("/portal/consents/{id}/withdraw")
    String withdraw(@PathVariable String id, RedirectAttributes redirect) {
        ResidentId resident = SignedIn.resident();
        Consent consent = own(resident, id);
        consents.withdraw(resident, consent.id(), "portal", SignedIn.actor());
        redirect.addFlashAttribute("done", "consents.done.withdrawn");
        return "redirect:/portal/consents";
    }

    @PostMapping("/portal/consents/never-share")
    String neverShare(@RequestParam(name = "category", required = false) List<String> categories,
                      RedirectAttributes redirect) {
        Set<ConsentCategory> marks = (categories == null ? List.<String>of() : categories).stream()
                .map(ConsentCategory::parse).collect(Collectors.toSet());
        neverShare.replace(SignedIn.resident(), marks, SignedIn.actor());
        redirect.addFlashAttribute("done", "consents.done.neverShare");
        return "redirect:/portal/consents#never-share";
    }

    private Consent own(ResidentId resident, String id) {
        ConsentId consentId;
        try {
            consentId = new ConsentId(id);
        } catch (RuntimeException malformed) {
            throw new PageNotFound("no such consent");
        }
        return consents.find(consentId).filter(c -> c.resident().equals(resident))
                .orElseThrow(() -> new PageNotFound("no such consent"));
    }

    private ConsentView view(Consent c, Instant now, String language, Map<String, String> names, boolean history) {
        String organisation = c.terms().recipient().organisation();
        String recipient = names.getOrDefault(organisation, organisation)
                + c.terms().recipient().service().map(s -> " (" + s + ")").orElse("");
        return new ConsentView(c.id().value(), c.version(), c.statusAt(now).name(), recipient,
                ConsentQuestion.purposeLabel(purposes, c.terms().purpose(), language),
                ConsentQuestion.categoriesLabel(c.terms().categories(), language), c.terms().period().start(),
                c.terms().period().end(),
                ConsentQuestion.text(purposes, c.terms().purpose(), c.terms().categories(), language,
                        ConsentQuestion.VERSION),
                history ? consents.history(c.id()).stream().sorted(Comparator.comparingInt(Consent::version).reversed())
                        .toList() : List.of(), Optional.empty());
    }

    private ConsentView withService(ConsentView view, Consent consent, String language) {
        String organisation = consent.terms().recipient().organisation();
        String kind = organisations.findOrganisation(new OrganisationId(organisation))
                .map(o -> o.kind().name()).orElse("UNKNOWN");
        Optional<PrivacyAssessment> assessment = assessments.forQuestion(organisation, consent.terms().purpose());
        String items = assessment.map(a -> ConsentQuestion.categoriesLabel(a.terms().dataItems(), language)).orElse("");
        return new ConsentView(view.id(), view.version(), view.status(), view.recipient(), view.purpose(),
                view.categories(), view.start(), view.end(), view.question(), view.history(),
                Optional.of(new ServiceSummary(organisation, kind, assessment, items)));
    }

    /** The three categories, and whatever finer marks the resident already holds. */
    private static Set<String> markable(Set<String> marks) {
        Set<String> all = new TreeSet<>(marks);
        for (DataCategory category : DataCategory.values()) {
            all.add(ConsentCategory.all(category).toString());
        }
        return all;
    }
}
