package org.azukari.trustbank.keys.vault;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.nio.charset.StandardCharsets;

/**
 * The part of a vault answer the bank looks at: the status, the {@code data} object of a
 * success, and whether an error answer carried any error text. The error text itself is
 * dropped here, so it cannot reach a message or a log.
 */
record TransitReply(int status, JsonObject data, boolean errorsEmpty) {

    static TransitReply of(LogicalResponse response) {
        int status = response.getRestResponse().getStatus();
        if (status >= 200 && status < 300) {
            return new TransitReply(status, response.getDataObject(), true);
        }
        return new TransitReply(status, null, hasNoErrorText(response.getRestResponse().getBody()));
    }

    static TransitReply ofStatus(int status) {
        return new TransitReply(status, null, false);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Transit's answer for a key that does not exist: 404 with an empty error list. */
    boolean keyNotFound() {
        return status == 404 && errorsEmpty;
    }

    String string(String field) {
        JsonValue value = data == null ? null : data.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    int integer(String field, int fallback) {
        JsonValue value = data == null ? null : data.get(field);
        return value != null && value.isNumber() ? value.asInt() : fallback;
    }

    JsonObject object(String field) {
        JsonValue value = data == null ? null : data.get(field);
        return value != null && value.isObject() ? value.asObject() : null;
    }

    Boolean bool(String field) {
        JsonValue value = data == null ? null : data.get(field);
        return value != null && value.isBoolean() ? value.asBoolean() : null;
    }

    private static boolean hasNoErrorText(byte[] body) {
        try {
            JsonValue errors = Json.parse(new String(body, StandardCharsets.UTF_8)).asObject().get("errors");
            return errors != null && errors.isArray() && errors.asArray().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
