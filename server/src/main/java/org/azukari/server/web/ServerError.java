package org.azukari.server.web;

import org.azukari.consent.api.ErrorCode;

/**
 * The error catalogue of server: the assembly's own answers (RL). One constant per code, each with one meaning; a new
 * code is added here and to docs/errors.md in the same commit ({@code ErrorCatalogueTest} checks both).
 */
public enum ServerError implements ErrorCode {

    RL_0501(503, "receipt keys unavailable: …");

    private final int status;
    private final String meaning;

    ServerError(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
