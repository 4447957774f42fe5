package org.azukari.ui.portal.records;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.DataCategory;
import org.azukari.ui.records.Chart;
import org.azukari.ui.records.Measurement;
import org.azukari.ui.records.OneRecord;
import org.azukari.ui.records.Readable;
import org.azukari.ui.records.RecordView;
import org.azukari.ui.records.ResidentRecord;
import org.azukari.ui.records.ResidentRecords;
import org.azukari.ui.web.Dates;
import org.azukari.ui.web.PageNotFound;
import org.azukari.ui.web.SignedIn;
import org.azukari.ui.web.UiError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The resident's own records: a timeline by month, filtered by category and kind; a search (posted,
 * so what was searched for never appears in a URL or an access log line); each record in plain
 * words; measurements as charts. Always the signed-in resident's records and no one else's.
 */
@Controller
class RecordsController {

    static final int PAGE_SIZE = 50;
    static final int MAX_QUERY = 100;
    static final int MAX_CHARTS = 12;

    private final ResidentRecords records;
    private final Dates dates;

    RecordsController(ResidentRecords records, Dates dates) {
        this.records = records;
        this.dates = dates;
    }

    /** What the timeline shows: category, kind, months from and to (yyyy-MM), a search, a page. */
    record Filter(String category, String type, String from, String to, String query, int page) {
    }

    @GetMapping("/portal/records")
    String timeline(@RequestParam(required = false) String category, @RequestParam(required = false) String type,
                    @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                    @RequestParam(defaultValue = "1") int page, Model model) {
        return render(new Filter(category, type, from, to, "", page), model);
    }

    @PostMapping("/portal/records")
    String search(@RequestParam(required = false) String category, @RequestParam(required = false) String type,
                  @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                  @RequestParam(name = "q", defaultValue = "") String query, @RequestParam(defaultValue = "1") int page,
                  Model model) {
        return render(new Filter(category, type, from, to, query, page), model);
    }

    private String render(Filter filter, Model model) {
        String category = filter.category();
        String type = filter.type();
        String query = filter.query();
        int page = filter.page();
        Optional<YearMonth> from = month(filter.from());
        Optional<YearMonth> to = month(filter.to());
        Optional<DataCategory> wanted = category(category);
        String kind = type == null ? "" : type.strip();
        if (!kind.isEmpty() && !kind.matches("[A-Z][A-Za-z]{1,63}")) {
            throw new BadInputException(UiError.UI_0402, "unknown kind of record");
        }
        String needle = query.strip();
        if (needle.length() > MAX_QUERY) {
            throw new BadInputException(UiError.UI_0403, "the search is too long");
        }
        if (page < 1) {
            throw new BadInputException(UiError.UI_0404, "no such page");
        }
        Readable<ResidentRecord> readable = records.all(SignedIn.residentReadingRecords());
        List<ResidentRecord> all = readable.records();
        Map<String, Integer> counts = new LinkedHashMap<>();
        TreeSet<String> types = new TreeSet<>();
        List<ResidentRecord> shown = new ArrayList<>();
        String lower = needle.toLowerCase(Locale.ROOT);
        for (ResidentRecord record : all) {
            counts.merge(record.category().name(), 1, Integer::sum);
            types.add(record.view().type());
            YearMonth month = YearMonth.from(record.time().atZone(dates.zone()));
            if (wanted.map(c -> c == record.category()).orElse(true)
                    && (kind.isEmpty() || kind.equals(record.view().type()))
                    && from.map(m -> !month.isBefore(m)).orElse(true) && to.map(m -> !month.isAfter(m)).orElse(true)
                    && (lower.isEmpty() || matches(record, lower))) {
                shown.add(record);
            }
        }
        int pages = Math.max(1, (shown.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(page, pages);
        List<ResidentRecord> onPage = shown.subList((current - 1) * PAGE_SIZE,
                Math.min(shown.size(), current * PAGE_SIZE));
        Map<String, List<ResidentRecord>> byMonth = new LinkedHashMap<>();
        onPage.forEach(r -> byMonth.computeIfAbsent(dates.month(r.time()), m -> new ArrayList<>()).add(r));
        model.addAttribute("months", byMonth);
        model.addAttribute("total", all.size());
        model.addAttribute("unreadable", readable.unreadableCount());
        model.addAttribute("found", shown.size());
        model.addAttribute("counts", counts);
        model.addAttribute("categories", DataCategory.values());
        model.addAttribute("types", types);
        model.addAttribute("category", wanted.map(Enum::name).orElse(""));
        model.addAttribute("type", kind);
        model.addAttribute("q", needle);
        model.addAttribute("from", from.map(YearMonth::toString).orElse(""));
        model.addAttribute("to", to.map(YearMonth::toString).orElse(""));
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        return "portal/records";
    }

    @GetMapping("/portal/records/{id}")
    String record(@PathVariable String id, Model model) {
        OneRecord one = records.one(SignedIn.residentReadingRecords(), id).orElseThrow(() -> new PageNotFound("no such record"));
        if (one instanceof OneRecord.Shown shown) {
            model.addAttribute("record", shown.record());
            return "portal/record";
        }
        model.addAttribute("unreadable", 1);
        return "portal/record-unreadable";
    }

    @GetMapping("/portal/charts")
    String charts(Model model) {
        Readable<ResidentRecord> readable = records.all(SignedIn.residentReadingRecords());
        List<Measurement> measurements = readable.records().stream()
                .map(ResidentRecord::measurement).flatMap(Optional::stream).toList();
        model.addAttribute("unreadable", readable.unreadableCount());
        model.addAttribute("charts", Chart.of(measurements, dates.zone(), MAX_CHARTS));
        model.addAttribute("width", Chart.WIDTH);
        model.addAttribute("height", Chart.HEIGHT);
        return "portal/charts";
    }

    private static Optional<YearMonth> month(String month) {
        if (month == null || month.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(month.strip()));
        } catch (RuntimeException malformed) {
            throw new BadInputException(UiError.UI_0405, "a month is yyyy-MM");
        }
    }

    private static Optional<DataCategory> category(String category) {
        if (category == null || category.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DataCategory.valueOf(category.strip()));
        } catch (IllegalArgumentException unknown) {
            throw new BadInputException(UiError.UI_0401, "unknown category");
        }
    }

    private static boolean matches(ResidentRecord record, String lower) {
        RecordView view = record.view();
        if (contains(view.title(), lower) || contains(view.type(), lower)
                || view.value().map(v -> contains(v, lower)).orElse(false)
                || record.sourceName().map(s -> contains(s, lower)).orElse(false)) {
            return true;
        }
        return view.facts().stream().anyMatch(f -> contains(f.value(), lower));
    }

    private static boolean contains(String text, String lower) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(lower);
    }
}
