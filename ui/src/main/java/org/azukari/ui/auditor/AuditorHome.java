package org.azukari.ui.auditor;

import org.azukari.consent.api.AccessLogVerifier;
import org.azukari.consent.api.ChainVerification;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The console's home (where an auditor lands after signing in) and {@code audit verify} run from
 * the page: the same walk of the hash chain and its signed checkpoints as the command and
 * {@code GET /api/audit/verify}, answered on the page that asked.
 */
@Controller
class AuditorHome {

    private final AccessLogVerifier verifier;

    AuditorHome(AccessLogVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/audit")
    String home() {
        return "audit/home";
    }

    @PostMapping("/audit/verify")
    String verify(Model model) {
        ChainVerification result = verifier.verify();
        model.addAttribute("verification", result);
        model.addAttribute("firstBad", result.firstBadSequence().map(String::valueOf).orElse(""));
        return "audit/home";
    }
}
