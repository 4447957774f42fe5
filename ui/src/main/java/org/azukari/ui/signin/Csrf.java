package org.azukari.ui.signin;

/**
 * Names shared by the pages and the security edge for the synchronizer token that every
 * state-changing request from a session must carry.
 */
public final class Csrf {

    /** The request attribute holding the current session's token, for hidden form fields. */
    public static final String REQUEST_ATTRIBUTE = "csrfToken";
    /** The form field. */
    public static final String PARAMETER = "_csrf";
    /** The header, for script or JSON requests. */
    public static final String HEADER = "X-CSRF-Token";

    private Csrf() {
    }
}
