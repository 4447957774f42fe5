package org.azukari.server.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentId;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' review queue of emergency accesses (mission point 4: exceptional, visible,
 * reviewed). Operators see the practitioner's reason, which is what they review; never records.
 */
@RestController
@RequestMapping(path = "/api/operator/emergency-accesses", produces = MediaType.APPLICATION_JSON_VALUE)
class OperatorEmergencyAccessController {

    private final EmergencyAccesses emergencies;
    private final Clock clock;

    OperatorEmergencyAccessController(EmergencyAccesses emergencies, ObjectProvider<Clock> clock) {
        this.emergencies = emergencies;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record ReviewForm(String note) {
        @Override
        public String toString() {
            return "ReviewForm[redacted]";
        }
    }

    /** Only the unreviewed queue is listed; {@code unreviewed=false} is not offered yet. */
    @GetMapping
    List<Map<String, Object>> list(@RequestParam(defaultValue = "true") boolean unreviewed) {
        if (!unreviewed) {
            throw new BadInputException(FhirGatewayError.OP_0006, "only unreviewed=true is supported");
        }
        Instant now = clock.instant();
        return emergencies.unreviewed().stream().map(e -> ResidentPrivacyController.view(e, now)).toList();
    }

    @PostMapping("/{id}/review")
    Map<String, Object> review(@PathVariable String id, @RequestBody ReviewForm form) {
        if (form == null) {
            throw new BadInputException(FhirGatewayError.OP_0002, "note is required");
        }
        Instant now = clock.instant();
        return ResidentPrivacyController.view(emergencies.review(new ConsentId(id), Callers.accountId(), form.note(),
                now), now);
    }
}
