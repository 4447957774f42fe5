package org.azukari.ui.signin;

import java.util.Optional;
import org.azukari.identity.api.FederatedSignInTicket;

/**
 * What the sign-in page needs from the security edge (implemented in {@code server}, which
 * owns Shiro): check a person's credentials and start a fresh session, or end it. The page
 * never learns why a sign-in was refused; it does learn that it could not be checked.
 */
public interface SignIn {

    /**
     * Signs a person in.
     *
     * @param oneTimeCode the optional second factor as typed (may be blank)
     * @return where to send the person next (an application-relative path), or empty when refused
     * @throws org.azukari.identity.api.IdentityUnavailableException when the credentials could not
     *         be checked (identity's store or the access log is down): the page answers 503, never
     *         "wrong password"
     */
    Optional<String> signIn(String username, char[] password, String oneTimeCode);

    /**
     * Signs a person in whose sign-in through a provider identity has verified (the ticket is
     * redeemed once), in a fresh session.
     *
     * @return where to send the person next, or empty when the ticket is not (or no longer) valid
     */
    Optional<String> signIn(FederatedSignInTicket ticket);

    /** Ends the current session, if any. */
    void signOut();
}
