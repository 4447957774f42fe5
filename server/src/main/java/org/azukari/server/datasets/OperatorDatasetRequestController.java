package org.azukari.server.datasets;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.subject.Subject;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.DatasetReview;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.CallerPermission;
import org.azukari.ui.consent.DatasetConsentRequests;
import org.azukari.ui.consent.DatasetConsentRequests.Asked;
import org.azukari.server.datasets.DatasetForms.ReviewForm;
import org.azukari.server.datasets.DatasetViews.OperatorView;
import org.azukari.server.datasets.DatasetViews.RequestView;
import org.azukari.server.web.Forbidden;
import org.azukari.server.web.NotFound;
import org.azukari.ui.web.UiError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' queue of dataset requests (submitted first) and their review, as a data ethics
 * board records it: approve (with conditions), ask for changes, or reject, always with a
 * rationale. An approval may ask the residents who have not answered yet; the answer says how
 * many were asked and whether asking finished ({@code complete: false} when the consent store or
 * the access log stopped midway: {@code POST .../ask-residents} repeats it, skipping whoever was asked).
 */
@RestController
@RequestMapping(path = "/api/operator/dataset-requests", produces = MediaType.APPLICATION_JSON_VALUE)
class OperatorDatasetRequestController {

    private final DatasetRequests requests;
    private final DatasetConsentRequests ask;
    private final Clock clock;

    OperatorDatasetRequestController(DatasetRequests requests, DatasetConsentRequests ask,
                                     ObjectProvider<Clock> clock) {
        this.requests = requests;
        this.ask = ask;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record ReviewAnswer(RequestView request, Asked residents) {
    }

    @GetMapping
    List<RequestView> queue() {
        approver();
        return requests.all().stream().map(DatasetViews::forOperator).toList();
    }

    @GetMapping("/{id}")
    OperatorView get(@PathVariable String id) {
        approver();
        DatasetRequestId requestId = DatasetForms.id(id);
        DatasetRequest current = requests.find(requestId).orElseThrow(() -> new NotFound("no such dataset request"));
        return new OperatorView(DatasetViews.forOperator(current),
                requests.history(requestId).stream().map(DatasetViews::forOperator).toList());
    }

    @PostMapping("/{id}/review")
    ReviewAnswer review(@PathVariable String id, @RequestBody ReviewForm form) {
        AccessActor operator = approver();
        DatasetForms.require(form != null && form.outcome() != null && form.rationale() != null,
                "outcome and rationale are required");
        DatasetReview.Outcome outcome = outcome(form.outcome());
        boolean askResidents = Boolean.TRUE.equals(form.askResidents());
        DatasetRequest reviewed = requests.review(DatasetForms.id(id), new DatasetReview(outcome, form.rationale(),
                form.conditions(), operator.id(), clock.instant()), askResidents, operator);
        Asked asked = askResidents ? ask.askFor(reviewed, operator) : null;
        return new ReviewAnswer(DatasetViews.forOperator(reviewed), asked);
    }

    @PostMapping("/{id}/ask-residents")
    ReviewAnswer askResidents(@PathVariable String id) {
        AccessActor operator = approver();
        DatasetRequest current = requests.find(DatasetForms.id(id))
                .orElseThrow(() -> new NotFound("no such dataset request"));
        if (!current.approved()) {
            throw new ConsentChangeRefusedException(ConsentChangeRefusedException.WRONG_STATE,
                    "dataset request " + current.id() + " is not approved");
        }
        return new ReviewAnswer(DatasetViews.forOperator(current), ask.askFor(current, operator));
    }

    private static DatasetReview.Outcome outcome(String text) {
        try {
            return DatasetReview.Outcome.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(UiError.DS_0002, "outcome is APPROVE, REQUEST_CHANGES or REJECT");
        }
    }

    /** The filter chain lets operators only through; approving datasets is still a permission of its own. */
    private static AccessActor approver() {
        Subject subject = SecurityUtils.getSubject();
        if (!(subject.getPrincipal() instanceof Caller caller) || caller.account().isEmpty()
                || !CallerPermission.APPROVE_DATASETS.isHeldBy(subject)) {
            throw new Forbidden(UiError.DS_0104, "only operators review dataset requests");
        }
        return new AccessActor(AccessActor.Kind.named(caller.kind().name()), caller.account().get().toString(), Optional.empty(),
                Optional.empty());
    }
}
