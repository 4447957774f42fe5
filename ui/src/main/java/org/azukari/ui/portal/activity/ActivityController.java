package org.azukari.ui.portal.activity;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.BadInputException;
import org.azukari.ui.web.CsvCells;
import org.azukari.ui.web.Dates;
import org.azukari.ui.web.SignedIn;
import org.azukari.ui.web.UiError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The resident's access log as a page (filterable by month, organisation, action, decision and
 * emergency, with a summary of the month) and as CSV. Every entry about the signed-in resident's
 * data, and only theirs.
 */
@Controller
class ActivityController {

    static final List<String> CSV_COLUMNS = List.of("time", "action", "actor_kind", "organisation",
            "organisation_name", "purpose", "categories", "resources", "decision", "reason", "emergency", "receipt",
            "dataset");
    private static final Set<AccessAction> READS = Set.of(AccessAction.READ, AccessAction.SEARCH, AccessAction.EXPORT,
            AccessAction.EMERGENCY_ACCESS);

    private final ResidentActivity activity;
    private final Dates dates;
    private final Clock clock;

    ActivityController(ResidentActivity activity, Dates dates, ObjectProvider<Clock> clock) {
        this.activity = activity;
        this.dates = dates;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/portal/activity")
    String page(@RequestParam(defaultValue = "") String month, @RequestParam(defaultValue = "") String organisation,
                @RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String decision,
                @RequestParam(defaultValue = "false") boolean emergency, Model model) {
        Optional<YearMonth> wantedMonth = month(month);
        Optional<AccessAction> wantedAction = action(action);
        if (!decision.isEmpty() && !decision.equals("PERMIT") && !decision.equals("DENY")) {
            throw new BadInputException(UiError.UI_0413, "unknown decision");
        }
        List<ActivityRow> all = rows(LocaleContextHolder.getLocale());
        YearMonth thisMonth = YearMonth.from(clock.instant().atZone(dates.zone()));
        List<ActivityRow> monthRows = all.stream().filter(r -> YearMonth.from(r.at().atZone(dates.zone()))
                .equals(thisMonth)).toList();
        Set<String> readers = monthRows.stream()
                .filter(r -> r.permitted() && READS.contains(AccessAction.valueOf(r.action()))
                        && !r.actorKind().equals("RESIDENT") && !r.actorKind().equals("E_RESIDENT"))
                .map(r -> r.organisation().orElse(r.actorKind())).collect(Collectors.toSet());
        List<ActivityRow> shown = all.stream()
                .filter(r -> wantedMonth.map(m -> YearMonth.from(r.at().atZone(dates.zone())).equals(m)).orElse(true))
                .filter(r -> organisation.isEmpty() || organisation.equals(r.organisation().orElse("")))
                .filter(r -> wantedAction.map(a -> a.name().equals(r.action())).orElse(true))
                .filter(r -> decision.isEmpty() || decision.equals(r.decision()))
                .filter(r -> !emergency || r.emergency())
                .toList();
        Map<String, String> organisationOptions = new TreeMap<>();
        all.forEach(r -> r.organisation().ifPresent(o -> organisationOptions.put(o, r.organisationName().orElse(o))));
        model.addAttribute("rows", shown);
        model.addAttribute("total", all.size());
        model.addAttribute("readers", readers.size());
        model.addAttribute("monthCount", monthRows.size());
        model.addAttribute("denied", monthRows.stream().filter(r -> !r.permitted()).count());
        model.addAttribute("emergencies", monthRows.stream().filter(ActivityRow::emergencyOpening).count());
        model.addAttribute("months", all.stream().map(r -> YearMonth.from(r.at().atZone(dates.zone())).toString())
                .collect(Collectors.toCollection(TreeSet::new)).descendingSet());
        model.addAttribute("organisations", organisationOptions);
        model.addAttribute("actions", all.stream().map(ActivityRow::action).collect(Collectors.toCollection(TreeSet::new)));
        model.addAttribute("month", wantedMonth.map(YearMonth::toString).orElse(""));
        model.addAttribute("organisation", organisation);
        model.addAttribute("action", wantedAction.map(Enum::name).orElse(""));
        model.addAttribute("decision", decision);
        model.addAttribute("emergency", emergency);
        return "portal/activity";
    }

    /** The same entries as CSV, one line each, every column a code or a time (spreadsheet-safe). */
    @GetMapping("/portal/activity.csv")
    void csv(HttpServletResponse response) throws IOException {
        List<ActivityRow> rows = rows(Locale.ENGLISH);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"azukari-access-log.csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer out = response.getWriter();
        out.write(String.join(",", CSV_COLUMNS) + "\r\n");
        for (ActivityRow r : rows) {
            out.write(String.join(",", List.of(r.at().toString(), r.action(), r.actorKind(),
                    r.organisation().orElse(""), r.organisationName().orElse(""), r.purpose().orElse(""),
                    String.join(" ", r.categories()), r.resources(), r.decision(), r.reason(),
                    String.valueOf(r.emergency()), r.receipt().orElse(""), r.datasetTitle().orElse(""))
                    .stream().map(CsvCells::cell).toList()));
            out.write("\r\n");
        }
        out.flush();
    }

    private List<ActivityRow> rows(Locale locale) {
        return activity.rows(SignedIn.resident(), locale);
    }

    private static Optional<YearMonth> month(String month) {
        if (month.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(month));
        } catch (RuntimeException malformed) {
            throw new BadInputException(UiError.UI_0411, "the month is yyyy-MM");
        }
    }

    private static Optional<AccessAction> action(String action) {
        if (action.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AccessAction.valueOf(action));
        } catch (IllegalArgumentException unknown) {
            throw new BadInputException(UiError.UI_0412, "unknown action");
        }
    }
}
