package org.azukari.ui.web;

import org.azukari.consent.api.ErrorCode;

/**
 * The error catalogue of ui: the portal and consoles (UI, AU), and dataset requests (DS), which the portal raises first. One constant per code, each with one meaning; a new
 * code is added here and to docs/errors.md in the same commit ({@code ErrorCatalogueTest} checks both).
 */
public enum UiError implements ErrorCode {

    AU_0001(400, "incident is not valid"),
    DS_0001(400, "a required field is missing or malformed"),
    DS_0002(400, "outcome is APPROVE, REQUEST_CHANGES or REJECT"),
    DS_0101(400, "the purpose is not in the purpose catalogue"),
    DS_0102(403, "the purpose is not registered for this organisation"),
    DS_0103(403, "only a wellness service files dataset requests"),
    DS_0104(404, "only operators review dataset requests"),
    DS_0110(0, "residents are asked only for an approved request"),
    DS_0111(0, "asking residents for dataset request … stopped after …: …"),
    UI_0400(400, "error.badInput"),
    UI_0401(400, "unknown category"),
    UI_0402(400, "unknown kind of record"),
    UI_0403(400, "the search is too long"),
    UI_0404(404, "no such page"),
    UI_0405(400, "a month is yyyy-MM"),
    UI_0411(400, "the month is yyyy-MM"),
    UI_0412(400, "unknown action"),
    UI_0413(400, "unknown decision"),
    UI_0420(0, "a stored record cannot be parsed (application log; the resident sees a count)"),
    UI_0421(400, "the question was shown in ja or en"),
    UI_0430(0, "the privacy policy needs distinct versions"),
    UI_0431(400, "only the version in force can be acknowledged"),
    UI_0503(503, "page refused: the database is unavailable (…)");

    private final int status;
    private final String meaning;

    UiError(int status, String meaning) {
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
