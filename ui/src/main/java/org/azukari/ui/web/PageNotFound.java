package org.azukari.ui.web;

/** Nothing here for this person: answered 404, exactly like an object that does not exist. */
public final class PageNotFound extends RuntimeException {

    public PageNotFound(String reason) {
        super(reason);
    }
}
