package org.azukari.ui.portal.home;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.consent.api.BreachNotices;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.api.WhoCanSee;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.ui.consent.ConsentQuestion;
import org.azukari.ui.portal.activity.ActivityRow;
import org.azukari.ui.portal.activity.ResidentActivity;
import org.azukari.ui.privacy.PolicyNotices;
import org.azukari.ui.web.OrganisationNames;
import org.azukari.ui.web.PageLanguage;
import org.azukari.ui.web.SignedIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The portal's home page, answering at a glance: what the bank holds about me (counts by category,
 * from the custody index: nothing is decrypted), who has access now, what happened recently, and
 * whether a question waits for my answer.
 */
@Controller
class HomeController {

    static final int RECENT = 5;

    private final TrustBank bank;
    private final WhoCanSee whoCanSee;
    private final Consents consents;
    private final ResidentActivity activity;
    private final OrganisationRegistry organisations;
    private final BreachNotices notices;
    private final PolicyNotices policyNotices;
    private final Clock clock;

    HomeController(TrustBank bank, WhoCanSee whoCanSee, Consents consents, ResidentActivity activity,
                   OrganisationRegistry organisations, BreachNotices notices, PolicyNotices policyNotices,
                   ObjectProvider<Clock> clock) {
        this.notices = notices;
        this.policyNotices = policyNotices;
        this.bank = bank;
        this.whoCanSee = whoCanSee;
        this.consents = consents;
        this.activity = activity;
        this.organisations = organisations;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A breach notice as the page shows it: the recipient by name, categories as codes for the messages. */
    record Notice(String incident, Optional<String> recipient, Instant from, Instant to, List<String> categories,
                  int records, Instant notifiedAt) {
    }

    record Access(String name, String categories, Optional<Instant> until, boolean emergency) {
    }

    @GetMapping("/portal")
    String home(Model model) {
        Caller caller = SignedIn.caller();
        if (caller.resident().isEmpty()) {
            model.addAttribute("kind", caller.kind().name());
            return "portal/placeholder";
        }
        ResidentId resident = caller.resident().get();
        Instant now = clock.instant();
        boolean holding = bank.isEnrolled(resident);
        List<StoredRecord> stored = holding ? bank.list(resident) : List.of();
        Map<String, Long> byCategory = new LinkedHashMap<>();
        for (DataCategory category : DataCategory.values()) {
            byCategory.put(category.name(), stored.stream().filter(r -> r.category() == category).count());
        }
        Map<String, String> names = OrganisationNames.of(organisations);
        String language = PageLanguage.current();
        List<Access> access = whoCanSee.whoCanSee(resident, now).stream().map(g -> new Access(
                names.getOrDefault(g.recipient().organisation(), g.recipient().organisation()),
                ConsentQuestion.grantLabel(g.categories(), g.withheld(), language), g.until(), g.emergency())).toList();
        List<ActivityRow> recent = activity.rows(resident, LocaleContextHolder.getLocale()).stream().limit(RECENT)
                .toList();
        model.addAttribute("total", stored.size());
        model.addAttribute("byCategory", byCategory);
        model.addAttribute("lastStored", stored.stream().map(StoredRecord::storedAt).max(Comparator.naturalOrder())
                .orElse(null));
        model.addAttribute("access", access);
        model.addAttribute("pending", consents.pendingRequests(resident).size());
        model.addAttribute("recent", recent);
        model.addAttribute("holding", holding);
        model.addAttribute("notices", notices.forResident(resident).stream().map(n -> new Notice(n.incident(),
                n.organisation().map(o -> names.getOrDefault(o, o)), n.from(), n.to(),
                n.categories().stream().map(DataCategory::name).sorted().toList(), n.records(), n.notifiedAt()))
                .toList());
        model.addAttribute("policyNotice", policyNotices.forAccount(caller.account()).orElse(null));
        return "portal/home";
    }
}
