package org.azukari.server.datasets;

import java.util.List;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.server.datasets.DatasetForms.SpecForm;
import org.azukari.server.datasets.DatasetViews.RequestView;
import org.azukari.server.web.Forbidden;
import org.azukari.server.web.NotFound;
import org.azukari.ui.web.UiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A wellness service's own dataset requests: file one, follow its status, revise it when the
 * board asks for changes. The purpose must be in the purpose catalogue (400 {@code DS-0101}) and
 * registered for the service's organisation (403 {@code DS-0102}). Another organisation's request
 * answers 404, exactly like one that does not exist.
 */
@RestController
@RequestMapping(path = "/api/system/dataset-requests", produces = MediaType.APPLICATION_JSON_VALUE)
class SystemDatasetRequestController {

    private final DatasetRequests requests;
    private final PurposeRegistry purposes;
    private final OrganisationRegistry organisations;

    SystemDatasetRequestController(DatasetRequests requests, PurposeRegistry purposes,
                                   OrganisationRegistry organisations) {
        this.requests = requests;
        this.purposes = purposes;
        this.organisations = organisations;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RequestView file(@RequestBody SpecForm form) {
        WellnessCallers caller = WellnessCallers.current();
        DatasetSpec spec = checked(caller, form);
        return DatasetViews.forService(requests.file(caller.recipient(), spec, caller.actor()));
    }

    @GetMapping
    List<RequestView> own() {
        WellnessCallers caller = WellnessCallers.current();
        return requests.ofRecipient(caller.organisation().value()).stream().map(DatasetViews::forService).toList();
    }

    @GetMapping("/{id}")
    RequestView get(@PathVariable String id) {
        WellnessCallers caller = WellnessCallers.current();
        return DatasetViews.forService(own(caller, id));
    }

    @PutMapping("/{id}")
    RequestView revise(@PathVariable String id, @RequestBody SpecForm form) {
        WellnessCallers caller = WellnessCallers.current();
        DatasetRequest current = own(caller, id);
        DatasetSpec spec = checked(caller, form);
        return DatasetViews.forService(requests.revise(current.id(), caller.recipient(), spec, caller.actor()));
    }

    private DatasetRequest own(WellnessCallers caller, String id) {
        return requests.find(DatasetForms.id(id))
                .filter(r -> r.recipient().organisation().equals(caller.organisation().value()))
                .orElseThrow(() -> new NotFound("no such dataset request"));
    }

    private DatasetSpec checked(WellnessCallers caller, SpecForm form) {
        DatasetForms.require(form != null, "a body is required");
        DatasetSpec spec = form.spec();
        if (purposes.find(spec.purpose()).isEmpty()) {
            throw new BadInputException(UiError.DS_0101, "the purpose is not in the purpose catalogue");
        }
        boolean registered = organisations.findOrganisation(caller.organisation()).map(Organisation::purposes)
                .filter(p -> p.contains(spec.purpose())).isPresent();
        if (!registered) {
            throw new Forbidden(UiError.DS_0102, "the purpose is not registered for this organisation");
        }
        return spec;
    }
}
