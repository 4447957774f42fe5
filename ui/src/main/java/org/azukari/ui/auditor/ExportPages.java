package org.azukari.ui.auditor;

import java.util.List;
import java.util.Map;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.export.ExportJob;
import org.azukari.fhir.export.ExportJobStore;
import org.azukari.ui.operator.Times;
import org.azukari.ui.web.UiError;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dataset exports (Bulk Data jobs of approved dataset requests) still kept, newest first, with
 * their cohorts as counts: residents in the cohort, included, held back by k-anonymity; records
 * written by type and left out by reason. The job rows hold nothing else, so no resident id, name or
 * record can reach the page. Read-only; a store that cannot answer is the 503 page.
 */
@Controller
class ExportPages {

    static final int PAGE_SIZE = 50;

    private final ExportJobStore jobs;

    ExportPages(ExportJobStore jobs) {
        this.jobs = jobs;
    }

    record ExportRow(String id, String request, String organisation, String client, String status, String error,
                     String started, String finished, int cohort, int included, int suppressedResidents,
                     int written, String outputs, int leftOut, String leftOutByReason) {

        static ExportRow of(ExportJob job) {
            return new ExportRow(job.id(), job.request(), job.organisation(), job.client(), job.status().name(),
                    job.errorCode().orElse(""), Times.shown(job.createdAt()), Times.shown(job.completedAt()),
                    job.residentsTotal(), job.includedResidents(), job.suppressedResidents(),
                    job.outputs().values().stream().mapToInt(Integer::intValue).sum(), counts(job.outputs()),
                    job.suppressedRecords(), counts(job.suppressedByReason()));
        }

        private static String counts(Map<String, Integer> byKey) {
            return String.join(", ", byKey.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        }
    }

    @GetMapping("/audit/exports")
    String exports(@RequestParam(defaultValue = "0") int page, Model model) {
        if (page < 0 || page > 199) {
            throw new BadInputException(UiError.AU_0001, "page is not valid");
        }
        List<ExportJob> found;
        try {
            found = jobs.newestFirst(page * PAGE_SIZE, PAGE_SIZE + 1);
        } catch (DataAccessException e) {
            // the job store does not translate its faults; any of them is "cannot answer now", never a 500
            throw new DataAccessResourceFailureException("UI-0503 export jobs cannot be read", e);
        }
        model.addAttribute("exports", found.subList(0, Math.min(found.size(), PAGE_SIZE)).stream().map(ExportRow::of)
                .toList());
        model.addAttribute("page", page);
        model.addAttribute("hasNext", found.size() > PAGE_SIZE && page < 199);
        return "audit/exports";
    }
}
