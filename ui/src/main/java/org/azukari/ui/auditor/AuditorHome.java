package org.azukari.ui.auditor;

import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.VerificationHistory;
import org.azukari.consent.api.VerificationRun;
import org.azukari.consent.api.VerifiedBy;
import org.azukari.ui.web.PageNotFound;
import org.azukari.ui.web.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The console's home (where an auditor lands after signing in) and {@code audit verify} run from
 * the page: the same walk of the hash chain and its signed checkpoints as the command and
 * {@code GET /api/audit/verify}, recorded in the verification history under the auditor's account
 * and answered on the page that asked, with the latest verifications below it. A run the history
 * could not record still shows its verdict, and says it was not recorded.
 */
@Controller
class AuditorHome {

    static final int RECENT = 10;

    private final VerificationHistory verifications;

    AuditorHome(VerificationHistory verifications) {
        this.verifications = verifications;
    }

    @GetMapping("/audit")
    String home() {
        return "audit/home";
    }

    @PostMapping("/audit/verify")
    String verify(Model model) {
        VerificationRun run = verifications.verify(auditor());
        model.addAttribute("verification", run.verdict());
        model.addAttribute("firstBad", run.verdict().firstBadSequence().map(String::valueOf).orElse(""));
        model.addAttribute("recorded", run instanceof VerificationRun.Recorded recorded
                ? String.valueOf(recorded.entry().id()) : "");
        try {
            EvidencePages.history(verifications, Optional.empty(), RECENT, model);
        } catch (AccessLogUnavailableException e) {
            // the verdict is the answer; a history that cannot be read must not hide it
            model.addAttribute("history", List.of());
            model.addAttribute("olderThan", "");
        }
        return "audit/home";
    }

    private static VerifiedBy auditor() {
        return new VerifiedBy(SignedIn.caller().account().map(Object::toString)
                .orElseThrow(() -> new PageNotFound("not a person")));
    }
}
