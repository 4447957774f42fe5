package org.azukari.ui.portal.services;

import java.util.List;
import org.azukari.consent.api.PrivacyAssessment;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.ui.assessments.ServiceAssessments;
import org.azukari.ui.consent.ConsentQuestion;
import org.azukari.ui.web.PageLanguage;
import org.azukari.ui.web.PageNotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What a service that may ask for a resident's data is: its kind, its current privacy impact
 * assessment in full with the earlier versions, and the assessments of its approved dataset
 * requests, with the privacy contact. Linked from each consent question. Any signed-in resident
 * may read any registered organisation's page: it holds nothing about residents.
 */
@Controller
class ServicesController {

    private final OrganisationRegistry organisations;
    private final ServiceAssessments assessments;

    ServicesController(OrganisationRegistry organisations, ServiceAssessments assessments) {
        this.organisations = organisations;
        this.assessments = assessments;
    }

    /** An assessment with its data items in the reader's words. */
    record Shown(PrivacyAssessment assessment, String items) {
    }

    record DatasetShown(String title, PrivacyAssessment assessment, String items) {
    }

    @GetMapping("/portal/services/{id}")
    String service(@PathVariable String id, Model model) {
        Organisation organisation = find(id);
        String language = PageLanguage.current();
        List<Shown> versions = assessments.recipientHistory(organisation.id().value()).stream()
                .map(a -> new Shown(a, ConsentQuestion.categoriesLabel(a.terms().dataItems(), language))).toList();
        model.addAttribute("name", organisation.displayName());
        model.addAttribute("kind", organisation.kind().name());
        model.addAttribute("current", versions.isEmpty() ? null : versions.get(0).assessment());
        model.addAttribute("currentItems", versions.isEmpty() ? "" : versions.get(0).items());
        model.addAttribute("earlier", versions.isEmpty() ? List.of() : versions.subList(1, versions.size()));
        model.addAttribute("datasets", assessments.approvedDatasets(organisation.id().value()).stream()
                .map(d -> new DatasetShown(d.request().spec().title(), d.assessment(),
                        ConsentQuestion.categoriesLabel(d.assessment().terms().dataItems(), language))).toList());
        return "portal/services";
    }

    private Organisation find(String id) {
        try {
            return organisations.findOrganisation(new OrganisationId(id))
                    .orElseThrow(() -> new PageNotFound("no such service"));
        } catch (IllegalArgumentException malformed) {
            throw new PageNotFound("no such service");
        }
    }
}
