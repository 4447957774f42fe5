package org.azukari.ui.signin;

import org.azukari.identity.api.FederatedSignIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where the edge sends a resident whose session is below what an action needs
 * ({@link org.azukari.identity.api.AssuranceRule}): what to do (sign in again with the card) and the
 * buttons to do it.
 */
@Controller
class StepUpController {

    private final FederatedSignIn federated;

    StepUpController(FederatedSignIn federated) {
        this.federated = federated;
    }

    @GetMapping("/portal/step-up")
    String stepUp(Model model) {
        model.addAttribute("providers", federated.providers());
        return "portal/step-up";
    }
}
