package org.azukari.server.operator;

import java.util.List;
import org.apache.shiro.SecurityUtils;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.identity.api.CallerPermission;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.server.web.Forbidden;
import org.azukari.server.web.NotFound;
import org.azukari.ui.web.UiError;
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
 * Privacy impact assessments of recipient organisations and dataset requests: every version,
 * newest first, and a new version reviewed by the signed-in operator (never an edit of an older
 * one). A dataset request's assessment needs {@code dataset:approve}, as its review does.
 */
@RestController
@RequestMapping(path = "/api/operator", produces = MediaType.APPLICATION_JSON_VALUE)
class AssessmentController {

    private final PrivacyAssessments assessments;
    private final OrganisationRegistry organisations;
    private final DatasetRequests datasets;

    AssessmentController(PrivacyAssessments assessments, OrganisationRegistry organisations, DatasetRequests datasets) {
        this.assessments = assessments;
        this.organisations = organisations;
        this.datasets = datasets;
    }

    @GetMapping("/organisations/{organisation}/assessments")
    List<AssessmentJson.View> ofOrganisation(@PathVariable String organisation) {
        return assessments.history(recipient(organisation)).stream().map(AssessmentJson.View::of).toList();
    }

    @PostMapping("/organisations/{organisation}/assessments")
    @ResponseStatus(HttpStatus.CREATED)
    AssessmentJson.View assessOrganisation(@PathVariable String organisation, @RequestBody AssessmentJson.Form form) {
        AssessmentSubject subject = recipient(organisation);
        Forms.require(form != null, "an assessment is required");
        return AssessmentJson.View.of(assessments.record(subject, form.terms(), AssessmentJson.reviewer()));
    }

    @GetMapping("/dataset-requests/{id}/assessments")
    List<AssessmentJson.View> ofDataset(@PathVariable String id) {
        return assessments.history(dataset(id)).stream().map(AssessmentJson.View::of).toList();
    }

    @PostMapping("/dataset-requests/{id}/assessments")
    @ResponseStatus(HttpStatus.CREATED)
    AssessmentJson.View assessDataset(@PathVariable String id, @RequestBody AssessmentJson.Form form) {
        AssessmentSubject subject = dataset(id);
        Forms.require(form != null, "an assessment is required");
        return AssessmentJson.View.of(assessments.record(subject, form.terms(), AssessmentJson.reviewer()));
    }

    private AssessmentSubject recipient(String organisation) {
        try {
            OrganisationId id = new OrganisationId(organisation);
            organisations.findOrganisation(id).orElseThrow(() -> new NotFound("no such organisation"));
            return AssessmentSubject.recipient(id.value());
        } catch (IllegalArgumentException malformed) {
            throw new NotFound("no such organisation");
        }
    }

    private AssessmentSubject dataset(String id) {
        if (!CallerPermission.APPROVE_DATASETS.isHeldBy(SecurityUtils.getSubject())) {
            throw new Forbidden(UiError.DS_0104, "only operators review dataset requests");
        }
        DatasetRequestId request;
        try {
            request = new DatasetRequestId(id);
        } catch (IllegalArgumentException malformed) {
            throw new NotFound("no such dataset request");
        }
        datasets.find(request).orElseThrow(() -> new NotFound("no such dataset request"));
        return AssessmentSubject.datasetRequest(request);
    }
}
