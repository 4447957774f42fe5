package org.azukari.ui.privacy;

import org.azukari.consent.api.BadInputException;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.PrivacyAcknowledgements;
import org.azukari.ui.web.PageLanguage;
import org.azukari.ui.web.PageNotFound;
import org.azukari.ui.web.SignedIn;
import org.azukari.ui.web.UiError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /privacy}: the policy in force (or an earlier published version, {@code ?version=n}) in
 * the reader's language, with every version's day and what changed; public, no sign-in. A signed-in
 * person acknowledges the version in force by a posted form (CSRF), which ends the notice on their
 * portal home page until the next version.
 */
@Controller
class PrivacyPolicyController {

    private final PrivacyPolicy policy;
    private final PrivacyAcknowledgements acknowledgements;

    PrivacyPolicyController(PrivacyPolicy policy, PrivacyAcknowledgements acknowledgements) {
        this.policy = policy;
        this.acknowledgements = acknowledgements;
    }

    @GetMapping("/privacy")
    String page(@RequestParam(required = false) Integer version, Model model) {
        PrivacyPolicy.Version current = policy.current();
        PrivacyPolicy.Version shown = version == null ? current
                : policy.published(version).orElseThrow(() -> new PageNotFound("no such version"));
        model.addAttribute("shown", shown);
        model.addAttribute("current", current);
        model.addAttribute("versions", policy.published());
        model.addAttribute("language", PageLanguage.current());
        return "privacy/policy";
    }

    @PostMapping("/portal/privacy/acknowledge")
    String acknowledge(@RequestParam(required = false) Integer version, RedirectAttributes flash) {
        PrivacyPolicy.Version current = policy.current();
        if (version == null || version != current.number()) {
            throw new BadInputException(UiError.UI_0431, "only the version in force can be acknowledged");
        }
        AccountId account = SignedIn.caller().account().orElseThrow(() -> new PageNotFound("not a person"));
        acknowledgements.acknowledge(account, current.number());
        flash.addFlashAttribute("done", "privacy.acknowledged");
        return "redirect:/portal";
    }
}
