package org.azukari.ui.web;

import org.azukari.consent.api.Coded;

/**
 * Nothing here for this person: answered 404 with {@code UI-0404}, exactly like an object that does
 * not exist, whatever the code it carries for the log ({@code DS-0104} for a dataset review page
 * asked for by someone who is not an operator).
 */
public final class PageNotFound extends RuntimeException implements Coded {

    private final UiError code;

    public PageNotFound(String reason) {
        this(UiError.UI_0404, reason);
    }

    public PageNotFound(UiError code, String reason) {
        super(code == UiError.UI_0404 ? reason : code.message(reason));
        this.code = code;
    }

    @Override
    public UiError errorCode() {
        return code;
    }
}
