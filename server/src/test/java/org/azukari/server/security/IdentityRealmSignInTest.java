package org.azukari.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.UUID;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.ProofingMethod;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.EdgeTestSupport;
import org.azukari.server.testing.RawHttp;

/**
 * The edge over identity's own password realm (not the in-memory test realm): accounts
 * registered through {@link PeopleRegistry} sign in over HTTP and land by kind.
 */
class IdentityRealmSignInTest extends EdgeTestSupport {

    private static final String PASSWORD = "a long enough pass phrase 42";

    @Autowired
    PeopleRegistry people;

    @Test
    void registeredOperator_signsIn_andSeesTheirOwnAccountId() throws IOException {
        String username = "op-" + UUID.randomUUID().toString().substring(0, 8);
        PersonAccount account = people.registerOperator(new AccountCredentials(username, PASSWORD));
        Visitor visitor = openSignInPage();

        RawHttp.Response answer = submitSignIn(visitor, username, PASSWORD);

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith("/operator");
        String session = answer.cookie(COOKIE);
        RawHttp.Response whoami = http.get("/api/operator/whoami", cookie(session));
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.body()).contains("\"kind\":\"OPERATOR\"").contains(account.account().toString());
    }

    @Test
    void registeredResident_wrongPasswordAndUnknownUser_answerTheSame_thenTheRightPasswordLandsOnThePortal()
            throws IOException {
        String username = "res-" + UUID.randomUUID().toString().substring(0, 8);
        people.registerResident(new AccountCredentials(username, PASSWORD), AssuranceLevel.SUBSTANTIAL,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        Visitor visitor = openSignInPage();

        RawHttp.Response wrong = submitSignIn(visitor, username, PASSWORD + "x");
        RawHttp.Response unknown = submitSignIn(visitor, "nobody-" + username, PASSWORD);
        RawHttp.Response right = submitSignIn(visitor, username, PASSWORD);

        assertThat(wrong.status()).isEqualTo(401).isEqualTo(unknown.status());
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(right.status()).isEqualTo(302);
        assertThat(right.header("Location")).endsWith("/portal");
        assertThat(http.get("/portal", cookie(right.cookie(COOKIE))).status()).isEqualTo(200);
        assertThat(http.get("/api/operator/whoami", cookie(right.cookie(COOKIE))).status()).isEqualTo(403);
    }
}
