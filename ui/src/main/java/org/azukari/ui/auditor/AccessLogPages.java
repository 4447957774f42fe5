package org.azukari.ui.auditor;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.azukari.consent.api.AccessAction;
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
 * page. Paging is by keyset: the "older" link carries {@code before=} the last sequence shown, so
 * any depth of the log is reachable at the cost of the first page; "newest" goes back to the top.
 * The CSV is the same search from the same cursor, its first {@value AccessLogQuery#MAX_LIMIT}
 * entries, searched in one go before a byte is written (so an outage is the 503 page, never half a
 * file); the next file is the same link with {@code before=} the last sequence in this one. The
 * search is the auditor API's: Elasticsearch in production, SQL in the embedded default.
 */
@Controller
class AccessLogPages {

    private final AccessLogSearch search;

    AccessLogPages(AccessLogSearch search) {
        this.search = search;
    }

    @GetMapping("/audit/log")
    String page(@RequestParam Map<String, String> parameters, Model model) {
        LogFilter filter = filter(parameters);
        List<LogRow> found = search.search(filter.pageQuery()).stream().map(LogRow::of).toList();
        List<LogRow> rows = found.subList(0, Math.min(found.size(), LogFilter.PAGE_SIZE));
        model.addAttribute("filter", filter);
        model.addAttribute("actions", AccessAction.values());
        model.addAttribute("decisions", AccessDecision.values());
        model.addAttribute("rows", rows);
        model.addAttribute("newestHref", filter.before().isEmpty() ? null : link("/audit/log", filter, ""));
        model.addAttribute("olderHref", found.size() > LogFilter.PAGE_SIZE
                ? link("/audit/log", filter, String.valueOf(rows.get(rows.size() - 1).sequence())) : null);
        model.addAttribute("csvHref", link("/audit/log.csv", filter, filter.before()));
        return "audit/log";
    }

    @GetMapping("/audit/log.csv")
    void csv(@RequestParam Map<String, String> parameters, HttpServletResponse response) throws IOException {
        LogFilter filter = filter(parameters);
        // searched before anything is written: an outage is the 503 page, never half a file
        List<LogRow> rows = search.search(filter.query(AccessLogQuery.MAX_LIMIT)).stream().map(LogRow::of).toList();
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

    private static LogFilter filter(Map<String, String> p) {
        return new LogFilter(p.get("from"), p.get("to"), p.get("resident"), p.get("actor"), p.get("organisation"),
                p.get("client"), p.get("purpose"), p.get("action"), p.get("decision"), p.get("emergency"),
                p.get("request"), p.get("before"));
    }

    /** The filter's search at {@code path}, from the cursor {@code before} (none when empty). */
    private static String link(String path, LogFilter filter, String before) {
        StringJoiner query = new StringJoiner("&", path + "?", "");
        filter.parameters().forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        if (!before.isEmpty()) {
            query.add("before=" + before);
        }
        return query.toString();
    }
}
