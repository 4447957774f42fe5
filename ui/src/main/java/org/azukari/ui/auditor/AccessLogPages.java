package org.azukari.ui.auditor;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.ui.web.CsvCells;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The access log searched across residents, newest first, {@value LogFilter#PAGE_SIZE} entries a
 * page with next and previous links, and the same search as CSV (its first
 * {@value AccessLogQuery#MAX_LIMIT} entries). The search is the auditor API's: Elasticsearch in
 * production, SQL in the embedded default; when it cannot answer, the 503 page.
 */
@Controller
class AccessLogPages {

    private final AccessLogSearch search;

    AccessLogPages(AccessLogSearch search) {
        this.search = search;
    }

    @GetMapping("/audit/log")
    String page(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                @RequestParam(defaultValue = "") String resident, @RequestParam(defaultValue = "") String actor,
                @RequestParam(defaultValue = "") String organisation, @RequestParam(defaultValue = "") String purpose,
                @RequestParam(defaultValue = "") String decision, @RequestParam(defaultValue = "0") int page,
                Model model) {
        LogFilter filter = new LogFilter(from, to, resident, actor, organisation, purpose, decision, page);
        List<LogRow> found = search.search(filter.pageQuery()).stream().map(LogRow::of).toList();
        model.addAttribute("filter", filter);
        model.addAttribute("decisions", AccessDecision.values());
        model.addAttribute("rows", found.subList(0, Math.min(found.size(), LogFilter.PAGE_SIZE)));
        model.addAttribute("hasNext", found.size() > LogFilter.PAGE_SIZE);
        model.addAttribute("pageNumber", page + 1);
        return "audit/log";
    }

    @GetMapping("/audit/log.csv")
    void csv(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
             @RequestParam(defaultValue = "") String resident, @RequestParam(defaultValue = "") String actor,
             @RequestParam(defaultValue = "") String organisation, @RequestParam(defaultValue = "") String purpose,
             @RequestParam(defaultValue = "") String decision, HttpServletResponse response) throws IOException {
        LogFilter filter = new LogFilter(from, to, resident, actor, organisation, purpose, decision, 0);
        // searched before anything is written: an outage is the 503 page, never half a file
        List<LogRow> rows = search.search(filter.query(0, AccessLogQuery.MAX_LIMIT)).stream().map(LogRow::of).toList();
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"azukari-audit-log.csv\"");
        Writer out = response.getWriter();
        out.write(CsvCells.line(LogRow.CSV_COLUMNS));
        for (LogRow row : rows) {
            out.write(CsvCells.line(row.csv()));
        }
        out.flush();
    }
}
