package org.azukari.server.operator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.azukari.fhir.pull.PullError;
import org.azukari.fhir.pull.PullScheduler;
import org.azukari.fhir.pull.PullSource;
import org.azukari.fhir.pull.PullSourceId;
import org.azukari.fhir.pull.PullSources;
import org.azukari.fhir.pull.PullStatus;
import org.azukari.fhir.pull.PullTargets;
import org.azukari.fhir.pull.UpstreamIdentifier;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.server.web.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's pull sources: register a source's FHIR server (its credential by reference
 * only: the secret stays in the configuration), link residents to it with the identifier the
 * source knows them by, see how its pulls stand, pull now, switch it off. Residents are named by
 * their account id, as in {@link PeopleController}: the resident id stays inside the bank, and
 * no answer carries an identifier value or a resident.
 */
@RestController
@RequestMapping(path = "/api/operator/pull-sources", produces = MediaType.APPLICATION_JSON_VALUE)
class PullSourcesController {

    private final PullSources sources;
    private final PullTargets targets;
    private final PullScheduler scheduler;
    private final PeopleRegistry people;

    PullSourcesController(PullSources sources, PullTargets targets, PullScheduler scheduler, PeopleRegistry people) {
        this.sources = sources;
        this.targets = targets;
        this.scheduler = scheduler;
        this.people = people;
    }

    record SourceForm(String organisation, String baseUrl, String credentialRef, ValidationMode validationMode) {
    }

    record ResidentForm(String account, String system, String value) {

        @Override
        public String toString() {
            return "ResidentForm[redacted]";
        }
    }

    record EnabledForm(Boolean enabled) {
    }

    record ErrorView(String code, String text) {
        static ErrorView of(PullError error) {
            return new ErrorView(error.code(), error.text());
        }
    }

    record SourceView(String id, String organisation, String baseUrl, String credentialRef, ValidationMode validationMode,
                      boolean enabled, int targets, int succeeded, int failing, int running, Instant lastSuccessAt,
                      ErrorView lastError, long resourcesPulled) {
        static SourceView of(PullStatus status) {
            PullSource source = status.source();
            return new SourceView(source.id().toString(), source.organisation().value(), source.baseUrl().toString(),
                    source.credentialRef().orElse(null), source.mode(), source.enabled(), status.targets(),
                    status.succeeded(), status.failing(), status.running(), status.lastSuccessAt().orElse(null),
                    status.lastError().map(ErrorView::of).orElse(null), status.resourcesPulled());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SourceView register(@RequestBody SourceForm form) {
        Forms.require(form != null && form.organisation() != null && form.baseUrl() != null
                && form.validationMode() != null, "organisation, baseUrl and validationMode are required");
        PullSource source = sources.register(new OrganisationId(form.organisation()), form.baseUrl(),
                Optional.ofNullable(form.credentialRef()), form.validationMode());
        return status(source.id());
    }

    @GetMapping
    List<SourceView> list() {
        return sources.statuses().stream().map(SourceView::of).toList();
    }

    @GetMapping("/{id}")
    SourceView get(@PathVariable String id) {
        return status(parse(id));
    }

    @PatchMapping("/{id}")
    SourceView setEnabled(@PathVariable String id, @RequestBody EnabledForm form) {
        Forms.require(form != null && form.enabled() != null, "enabled is required");
        PullSourceId source = parse(id);
        if (!sources.setEnabled(source, form.enabled())) {
            throw new NotFound("no such pull source");
        }
        return status(source);
    }

    @PostMapping("/{id}/residents")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void linkResident(@PathVariable String id, @RequestBody ResidentForm form) {
        Forms.require(form != null && form.account() != null && form.system() != null && form.value() != null,
                "account, system and value are required");
        PullSourceId source = parse(id);
        status(source);
        PersonAccount resident = people.findAccount(new AccountId(Forms.uuid(form.account())))
                .filter(found -> found.kind().isResident())
                .orElseThrow(() -> new NotFound("no such resident account"));
        targets.link(source, resident.resident().orElseThrow(), new UpstreamIdentifier(form.system(), form.value()));
    }

    /** Starts the source's pulls and answers at once; their progress shows in the status. */
    @PostMapping("/{id}/pull")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SourceView pullNow(@PathVariable String id) {
        PullSourceId source = parse(id);
        status(source);
        scheduler.pullNow(source);
        return status(source);
    }

    private SourceView status(PullSourceId id) {
        return sources.status(id).map(SourceView::of).orElseThrow(() -> new NotFound("no such pull source"));
    }

    private static PullSourceId parse(String id) {
        try {
            return PullSourceId.parse(id);
        } catch (IllegalArgumentException malformed) {
            throw new NotFound("no such pull source");
        }
    }
}
