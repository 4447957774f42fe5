package org.azukari.ui.signin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.azukari.identity.api.FederatedSignIn;
import org.azukari.identity.api.SignInProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The people's sign-in page (residents, e-residents, practitioners, operators, auditors). */
@Controller
class SignInController {

    static final String VIEW = "signin/form";

    private final SignIn signIn;
    private final FederatedSignIn federated;

    SignInController(SignIn signIn, FederatedSignIn federated) {
        this.signIn = signIn;
        this.federated = federated;
    }

    /** The providers people may sign in with, for the page's buttons (none configured: none shown). */
    @ModelAttribute("providers")
    List<SignInProvider> providers() {
        return federated.providers();
    }

    @GetMapping("/signin")
    String form() {
        return VIEW;
    }

    @PostMapping("/signin")
    String submit(@RequestParam(name = "username", defaultValue = "") String username,
                  @RequestParam(name = "password", defaultValue = "") String password,
                  @RequestParam(name = "code", defaultValue = "") String code,
                  Model model, HttpServletResponse response) {
        char[] secret = password.toCharArray();
        Optional<String> next;
        try {
            next = signIn.signIn(username, secret, code);
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (next.isPresent()) {
            return "redirect:" + next.get();
        }
        // one message whatever the reason: never says whether the account exists
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        model.addAttribute("failed", true);
        return VIEW;
    }

    @PostMapping("/signout")
    String signOut() {
        signIn.signOut();
        return "redirect:/signin?signedOut";
    }
}
