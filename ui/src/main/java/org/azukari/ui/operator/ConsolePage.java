package org.azukari.ui.operator;

import org.azukari.consent.api.DatasetRequestStatus;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.fhir.pull.PullSources;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's home: what waits for the operator, and how much the bank has registered. Counts only. */
@Controller
class ConsolePage {

    private final OrganisationRegistry organisations;
    private final PeopleRegistry people;
    private final DatasetRequests datasets;
    private final EmergencyAccesses emergencies;
    private final PullSources sources;

    ConsolePage(OrganisationRegistry organisations, PeopleRegistry people, DatasetRequests datasets,
                      EmergencyAccesses emergencies, PullSources sources) {
        this.organisations = organisations;
        this.people = people;
        this.datasets = datasets;
        this.emergencies = emergencies;
        this.sources = sources;
    }

    /** {@code datasetsWaiting} is null when the operator may not review dataset requests. */
    record Counts(int organisations, int clients, int residents, Integer datasetsWaiting, int emergenciesWaiting,
                  long sourcesFailing, int sources) {
    }

    @GetMapping("/operator")
    String home(Model model) {
        var registered = organisations.organisations();
        int clients = registered.stream().map(Organisation::id).mapToInt(id -> organisations.clients(id).size()).sum();
        Integer waiting = Operator.mayApproveDatasets()
                ? (int) datasets.all().stream().filter(r -> r.status() == DatasetRequestStatus.SUBMITTED).count()
                : null;
        var statuses = sources.statuses();
        model.addAttribute("counts", new Counts(registered.size(), clients, people.residents().size(), waiting,
                emergencies.unreviewed().size(), statuses.stream().filter(s -> s.failing() > 0).count(),
                statuses.size()));
        return "operator/home";
    }
}
