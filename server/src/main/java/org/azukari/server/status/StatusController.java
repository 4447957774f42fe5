package org.azukari.server.status;

import java.util.Map;
import org.azukari.trustbank.api.TrustBank;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A plain answer at the root, so that whoever runs {@code infra/run} sees the bank is up. */
@RestController
class StatusController {

    private final TrustBank trustBank;

    StatusController(TrustBank trustBank) {
        this.trustBank = trustBank;
    }

    @GetMapping(path = "/", produces = "application/json")
    Map<String, String> status() {
        return Map.of("service", "Azukari information bank", "status", "UP",
                "trustBank", trustBank.getClass().getSimpleName(), "health", "/actuator/health");
    }
}
