package org.azukari.ui.operator.assessments;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.PrivacyAssessment;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.ui.consent.ConsentQuestion;
import org.azukari.ui.operator.Done;
import org.azukari.ui.operator.Operator;
import org.azukari.ui.web.PageLanguage;
import org.azukari.ui.web.PageNotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Records a new version of an organisation's or a dataset request's privacy impact assessment,
 * reviewed by the signed-in operator. Earlier versions stay as they were, shown read-only under the
 * form. A dataset request's assessment needs the dataset-approval permission, as its review does.
 */
@Controller
public class AssessmentPages {

    private final PrivacyAssessments assessments;
    private final OrganisationRegistry organisations;
    private final DatasetRequests datasets;

    AssessmentPages(PrivacyAssessments assessments, OrganisationRegistry organisations, DatasetRequests datasets) {
        this.assessments = assessments;
        this.organisations = organisations;
        this.datasets = datasets;
    }

    /** What the history and the form need on a page: every version, newest first, and the choices. */
    public static void addTo(Model model, List<PrivacyAssessment> history) {
        String language = PageLanguage.current();
        model.addAttribute("assessments", history);
        Map<String, String> choices = new TreeMap<>();
        for (String choice : AssessmentFields.CHOICES) {
            choices.put(choice, ConsentQuestion.categoriesLabel(Set.of(ConsentCategory.parse(choice)), language));
        }
        model.addAttribute("dataItemChoices", choices);
    }

    @PostMapping("/operator/organisations/{id}/assessments")
    String recordForOrganisation(@PathVariable String id, AssessmentFields fields, RedirectAttributes flash) {
        OrganisationId organisation = organisation(id);
        PrivacyAssessment recorded = assessments.record(AssessmentSubject.recipient(organisation.value()),
                fields.terms(), Operator.account());
        return Done.redirect(flash, "operator.assessments.recorded", Integer.toString(recorded.version()),
                "/operator/organisations/" + organisation.value());
    }

    @PostMapping("/operator/datasets/{id}/assessments")
    String recordForDataset(@PathVariable String id, AssessmentFields fields, RedirectAttributes flash) {
        Operator.datasetApprover();
        DatasetRequestId request;
        try {
            request = new DatasetRequestId(id);
        } catch (IllegalArgumentException malformed) {
            throw new PageNotFound("no such request");
        }
        datasets.find(request).orElseThrow(() -> new PageNotFound("no such request"));
        PrivacyAssessment recorded = assessments.record(AssessmentSubject.datasetRequest(request), fields.terms(),
                Operator.account());
        return Done.redirect(flash, "operator.assessments.recorded", Integer.toString(recorded.version()),
                "/operator/datasets/" + request.value());
    }

    private OrganisationId organisation(String id) {
        try {
            OrganisationId organisation = new OrganisationId(id);
            return organisations.findOrganisation(organisation).map(o -> organisation)
                    .orElseThrow(() -> new PageNotFound("no such organisation"));
        } catch (IllegalArgumentException malformed) {
            throw new PageNotFound("no such organisation");
        }
    }
}
