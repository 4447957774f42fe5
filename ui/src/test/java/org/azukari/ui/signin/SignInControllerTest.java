package org.azukari.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;

/** The sign-in page's controller over a recording {@link SignIn}: what it hands on, what it answers. */
class SignInControllerTest {

    private final List<String> calls = new ArrayList<>();
    private char[] passwordSeen;

    private SignIn answering(Optional<String> next) {
        return new SignIn() {
            @Override
            public Optional<String> signIn(String username, char[] password, String oneTimeCode) {
                passwordSeen = password;
                calls.add("signIn " + username + " code=" + oneTimeCode);
                return next;
            }

            @Override
            public Optional<String> signIn(org.azukari.identity.api.FederatedSignInTicket ticket) {
                calls.add("signIn federated");
                return next;
            }

            @Override
            public void signOut() {
                calls.add("signOut");
            }
        };
    }

    @Test
    void submit_accepted_redirectsWhereTheEdgeSays() {
        SignInController controller = new SignInController(answering(Optional.of("/portal")), null);
        MockHttpServletResponse response = new MockHttpServletResponse();

        String view = controller.submit("alice", "secret", "123456", new ExtendedModelMap(), response);

        assertThat(view).isEqualTo("redirect:/portal");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(calls).containsExactly("signIn alice code=123456");
        assertThat(passwordSeen).as("the password copy is wiped after use").containsOnly('\0');
    }

    @Test
    void submit_refused_answers401WithTheFormAndOneGenericFlag() {
        SignInController controller = new SignInController(answering(Optional.empty()), null);
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();

        String view = controller.submit("alice", "wrong", "", model, response);

        assertThat(view).isEqualTo(SignInController.VIEW);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(model).containsOnlyKeys("failed");
    }

    @Test
    void signOut_endsTheSession_andReturnsToTheSignInPage() {
        SignInController controller = new SignInController(answering(Optional.empty()), null);

        assertThat(controller.signOut()).isEqualTo("redirect:/signin?signedOut");
        assertThat(calls).containsExactly("signOut");
    }
}
