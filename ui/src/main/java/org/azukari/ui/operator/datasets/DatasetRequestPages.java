package org.azukari.ui.operator.datasets;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequestStatus;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.DatasetReview;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.ui.consent.DatasetConsentRequests;
import org.azukari.ui.operator.Done;
import org.azukari.ui.operator.Operator;
import org.azukari.ui.operator.OperatorForms;
import org.azukari.ui.operator.assessments.AssessmentPages;
import org.azukari.ui.web.PageNotFound;
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
 * The dataset requests' queue (submitted first), each request with its history, and the review
 * as a data ethics board records it: approve (with conditions), ask for changes, or reject, always
 * with a rationale; an approval may ask the residents who have not answered yet. The same services
 * and the same permission ({@code dataset:approve}) as the operator API.
 */
@Controller
class DatasetRequestPages {

    private final DatasetRequests requests;
    private final DatasetConsentRequests ask;
    private final Names names;
    private final PrivacyAssessments assessments;
    private final Clock clock;

    DatasetRequestPages(DatasetRequests requests, DatasetConsentRequests ask, OrganisationRegistry organisations,
                              PurposeRegistry purposes, PrivacyAssessments assessments, ObjectProvider<Clock> clock) {
        this.requests = requests;
        this.assessments = assessments;
        this.ask = ask;
        this.names = new Names(organisations, purposes);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Organisation names and purpose labels for display; an unknown one shows its id. */
    record Names(OrganisationRegistry organisations, PurposeRegistry purposes) {
        String organisation(String id) {
            try {
                return organisations.findOrganisation(new OrganisationId(id)).map(Organisation::displayName).orElse(id);
            } catch (IllegalArgumentException notAnOrganisationId) {
                return id;
            }
        }

        String purpose(DatasetRequest request, Locale locale) {
            return purposes.find(request.spec().purpose()).map(e -> e.label(locale))
                    .orElse(request.spec().purpose().code());
        }
    }

    @GetMapping("/operator/datasets")
    String queue(Model model) {
        Operator.datasetApprover();
        List<DatasetRequestView> all = requests.all().stream()
                .sorted(Comparator.comparing((DatasetRequest r) -> r.status() != DatasetRequestStatus.SUBMITTED))
                .map(r -> DatasetRequestView.of(r, names.organisation(r.recipient().organisation()))).toList();
        model.addAttribute("requests", all);
        model.addAttribute("waiting", all.stream().filter(DatasetRequestView::submitted).count());
        return "operator/datasets/queue";
    }

    @GetMapping("/operator/datasets/{id}")
    String detail(@PathVariable String id, Model model, Locale locale) {
        Operator.datasetApprover();
        DatasetRequestId requestId = id(id);
        DatasetRequest current = requests.find(requestId).orElseThrow(() -> new PageNotFound("no such request"));
        String name = names.organisation(current.recipient().organisation());
        model.addAttribute("request", DatasetRequestView.of(current, name));
        model.addAttribute("purposeLabel", names.purpose(current, locale));
        model.addAttribute("history", requests.history(requestId).stream()
                .map(r -> DatasetRequestView.of(r, name)).toList());
        model.addAttribute("outcomes", DatasetReview.Outcome.values());
        AssessmentPages.addTo(model, assessments.history(AssessmentSubject.datasetRequest(requestId)));
        return "operator/datasets/detail";
    }

    @PostMapping("/operator/datasets/{id}/review")
    String review(@PathVariable String id, @RequestParam(required = false) String outcome,
                  @RequestParam(required = false) String rationale, @RequestParam(required = false) String conditions,
                  @RequestParam(required = false) String askResidents, RedirectAttributes flash) {
        AccessActor operator = Operator.datasetApprover();
        DatasetRequestId requestId = id(id);
        requests.find(requestId).orElseThrow(() -> new PageNotFound("no such request"));
        DatasetReview.Outcome chosen = OperatorForms.choice(DatasetReview.Outcome.class, outcome, "outcome");
        boolean asking = "true".equals(askResidents);
        if (asking && chosen != DatasetReview.Outcome.APPROVE) {
            throw new BadInputException(UiError.DS_0001, "residents are asked only with an approval");
        }
        DatasetRequest reviewed = requests.review(requestId, new DatasetReview(chosen,
                OperatorForms.required(rationale, "rationale"), OperatorForms.optional(conditions, "conditions"),
                operator.id(), clock.instant()), asking, operator);
        if (!asking) {
            return Done.redirect(flash, "operator.datasets.reviewed." + reviewed.status().name(), null,
                    "/operator/datasets/" + requestId.value());
        }
        DatasetConsentRequests.Asked asked = ask.askFor(reviewed, operator);
        return Done.redirect(flash, asked.complete() ? "operator.datasets.asked" : "operator.datasets.askedPartly",
                Integer.toString(asked.asked()), "/operator/datasets/" + requestId.value());
    }

    /** Repeats asking residents for an approved request (after asking stopped midway); skips whoever was asked. */
    @PostMapping("/operator/datasets/{id}/ask-residents")
    String askAgain(@PathVariable String id, RedirectAttributes flash) {
        AccessActor operator = Operator.datasetApprover();
        DatasetRequest current = requests.find(id(id)).orElseThrow(() -> new PageNotFound("no such request"));
        if (!current.approved()) {
            throw new ConsentChangeRefusedException(ConsentChangeRefusedException.WRONG_STATE,
                    "dataset request " + current.id() + " is not approved");
        }
        DatasetConsentRequests.Asked asked = ask.askFor(current, operator);
        return Done.redirect(flash, asked.complete() ? "operator.datasets.asked" : "operator.datasets.askedPartly",
                Integer.toString(asked.asked()), "/operator/datasets/" + current.id().value());
    }

    private static DatasetRequestId id(String text) {
        try {
            return new DatasetRequestId(text);
        } catch (IllegalArgumentException e) {
            throw new PageNotFound("no such request");
        }
    }
}
