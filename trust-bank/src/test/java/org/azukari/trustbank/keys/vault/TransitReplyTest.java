package org.azukari.trustbank.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jopenlibs.vault.api.Logical;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.github.jopenlibs.vault.rest.RestResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransitReplyTest {

    @Test
    void of_anErrorAnswer_keepsNoErrorText() {
        TransitReply reply = TransitReply.of(response(400, "{\"errors\":[\"cipher: message authentication failed\"]}"));

        assertThat(reply.ok()).isFalse();
        assertThat(reply.data()).isNull();
        assertThat(reply.toString()).doesNotContain("cipher");
        assertThat(reply.keyNotFound()).isFalse();
    }

    @Test
    void of_notFoundWithAnEmptyErrorList_isAMissingKey() {
        assertThat(TransitReply.of(response(404, "{\"errors\":[]}")).keyNotFound()).isTrue();
        assertThat(TransitReply.of(response(404, "{\"errors\":[\"no handler for route\"]}")).keyNotFound()).isFalse();
        assertThat(TransitReply.of(response(404, "not json")).keyNotFound()).isFalse();
    }

    @Test
    void of_aSuccess_readsTheDataFields() {
        TransitReply reply = TransitReply.of(response(200,
                "{\"data\":{\"ciphertext\":\"vault:v1:AAAA\",\"key_version\":1,\"exportable\":false}}"));

        assertThat(reply.string("ciphertext")).isEqualTo("vault:v1:AAAA");
        assertThat(reply.integer("key_version", 0)).isEqualTo(1);
        assertThat(reply.bool("exportable")).isFalse();
        assertThat(reply.string("missing")).isNull();
    }

    private static LogicalResponse response(int status, String body) {
        return new LogicalResponse(new RestResponse(status, "application/json", body.getBytes(StandardCharsets.UTF_8)),
                0, Logical.logicalOperations.readV1);
    }
}
