package org.azukari.consent.api;

import org.azukari.consent.api.ErrorCode;

/**
 * The error catalogue of consent-policy: consents, decisions, the access log. One constant per code, each with one meaning; a new
 * code is added here and to docs/errors.md in the same commit ({@code ErrorCatalogueTest} checks both).
 */
public enum ConsentPolicyError implements ErrorCode {

    CP_0001(400, "malformed resident id"),
    CP_0002(400, "malformed purpose code"),
    CP_0101(400, "malformed access-log actor"),
    CP_0102(400, "malformed resource count"),
    CP_0103(400, "malformed reason, request id, consent id or subject"),
    CP_0104(400, "sequence starts at 1"),
    CP_0105(0, "entry cannot be written as JSON"),
    CP_0106(0, "stored access-log entry is unreadable"),
    CP_0110(503, "the access log is not available now; nothing was changed"),
    CP_0120(400, "offset must be >= 0, before >= 1 and limit 1..1000"),
    CP_0130(400, "a malformed checkpoint line"),
    CP_0131(0, "checkpoint file cannot be written"),
    CP_0132(0, "checkpoint file cannot be read"),
    CP_0133(400, "`checkpoint-every` below 1 or a non-positive `checkpoint-interval` (start-up)"),
    CP_0134(0, "a due checkpoint failed after the entries were committed; retried after the next append (log line)"),
    CP_0135(0, "the head witness cannot be written: the batch is committed, its callers refused, and further appends are refused until it can (behind `CP-0110`)"),
    CP_0136(400, "the head witness cannot be read or is malformed: appends are refused before writing (behind `CP-0110`)"),
    CP_0137(0, "the database no longer extends the witnessed head (cut tail, rewound head, restored backup): appends are refused (behind `CP-0110`)"),
    CP_0140(400, "retention under ten years (start-up)"),
    CP_0150(400, "elasticsearch url must be http(s)://host:port, without user, path or query"),
    CP_0151(400, "access-log retention must be whole years or months, at least"),
    CP_0152(0, "index template refused"),
    CP_0153(0, "bulk request refused"),
    CP_0154(0, "Elasticsearch settings, template, bulk, outbox and rebuild refusals"),
    CP_0155(0, "rebuild stopped at sequence"),
    CP_0160(400, "malformed incident reference"),
    CP_0161(400, "a notice's window must end after it starts"),
    CP_0170(0, "a verification ran but could not be recorded in the history: its verdict is still answered, marked not recorded (log line)"),
    CP_0171(400, "a verifier that is not an account id or `cli`"),
    CP_0172(400, "a checkpoint listing cursor that is not `<sequence>-HEAD`/`-RETIRED`, or a page size out of 1–100"),
    CP_0173(400, "verifications are read 1-100 at a time, before a positive number"),
    CP_0201(400, "malformed recipient"),
    CP_0202(400, "malformed data category"),
    CP_0203(400, "malformed consent reference"),
    CP_0204(400, "malformed consent id"),
    CP_0205(400, "a consent period must end after it starts"),
    CP_0206(400, "the consent text shown is required (at most 4000 characters)"),
    CP_0207(400, "the language must be ja or en"),
    CP_0208(400, "malformed text version or channel"),
    CP_0209(400, "the text hash does not match the text"),
    CP_0210(503, "consents are not available now; nothing was changed"),
    CP_0211(400, "a consent names at least one data category"),
    CP_0212(400, "malformed consent version"),
    CP_0213(400, "a permit permits at least one category"),
    CP_0220(404, "not found"),
    CP_0221(409, "not possible in the current state; nothing was changed"),
    CP_0230(400, "an emergency access needs a reason of 10 to 500 characters"),
    CP_0231(400, "an emergency access must end after it opens"),
    CP_0232(400, "a review needs a note of at most 500 characters"),
    CP_0233(409, "already reviewed"),
    CP_0234(403, "emergency access needs a practitioner holding the emergency role"),
    CP_0235(400, "no resident linked to that identifier by your organisation"),
    CP_0240(400, "azukari.consent.emergency.duration must be positive and"),
    CP_0241(400, "azukari.consent.emergency.categories must not be empty"),
    CP_0250(400, "unknown consent question version"),
    CP_0251(400, "the answer is yes or no"),
    CP_0252(400, "no such recipient for this purpose"),
    CP_0301(400, "malformed dataset request id"),
    CP_0302(400, "a dataset item is Type, Type|code or Type|system|code"),
    CP_0303(400, "age bands are 5 or 10 years wide, and k is between 2 and 100"),
    CP_0304(400, "a dataset request needs a title of 1 to 200 characters, categories, 1 to 100 items, a period that ends after it starts and a refresh interval of 1 to 366 days"),
    CP_0305(400, "a review needs a rationale (up to 4000 characters)"),
    CP_0306(400, "residents are asked only with an approval"),
    CP_0401(400, "an assessment needs purpose, recipients, retention, risks and mitigations within their lengths"),
    CP_0402(400, "a privacy contact needs a name or role and an e-mail address or https URL"),
    CP_0403(400, "a version below 1 (never from input)"),
    CP_0404(400, "an assessment names its reviewer"),
    CP_0409(409, "a consent change refused without a code of its own (the portal's conflict page)"),
    CP_0410(409, "a dataset request is approved only with a privacy impact assessment of it");

    private final int status;
    private final String meaning;

    ConsentPolicyError(int status, String meaning) {
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
