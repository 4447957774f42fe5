package org.azukari.ui.portal.home;

import org.azukari.identity.api.Caller;
import org.azukari.ui.web.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's home page: what the bank holds about me, who has access now, what happened recently. */
@Controller
class HomeController {

    @GetMapping("/portal")
    String home(Model model) {
        Caller caller = SignedIn.caller();
        if (caller.resident().isEmpty()) {
            model.addAttribute("kind", caller.kind().name());
            return "portal/placeholder";
        }
        return "portal/home";
    }
}
