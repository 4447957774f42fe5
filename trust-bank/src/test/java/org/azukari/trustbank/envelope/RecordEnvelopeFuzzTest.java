package org.azukari.trustbank.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.UUID;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.keys.DataKey;

/**
 * Coverage-guided fuzzing of the envelope parser (docs/trust-bank.md, "Record envelope"): whatever the
 * stored bytes — made up, or a genuine envelope with bytes flipped, cut or added — reading them
 * either gives back exactly what was sealed (only for the untouched envelope) or is the one
 * opaque {@link UnreadableRecordException}; never another exception, never another plaintext.
 * Regression inputs: {@code src/test/resources/org/azukari/trustbank/envelope/RecordEnvelopeFuzzTestInputs/}.
 */
class RecordEnvelopeFuzzTest {

    private static final DataKey KEY = DataKey.fromBytes(new byte[DataKey.LENGTH]);
    private static final RecordBinding BINDING = new RecordBinding(
            new ResidentId(UUID.fromString("00000000-0000-4000-8000-000000000001")), new RecordId("obs-1"),
            RecordVersion.FIRST, new ResourceType("Observation"));
    private static final RecordContent CONTENT = RecordContent.ofUtf8("{\"resourceType\":\"Observation\"}");
    private static final byte[] SEALED = RecordEnvelope.seal(CONTENT, KEY, 7, BINDING);

    @FuzzTest
    void open_anyStoredBytes_givesTheSealedRecordOrIsUnreadable(FuzzedDataProvider data) {
        byte[] envelope = data.consumeBoolean() ? tampered(data) : data.consumeRemainingAsBytes();

        boolean untouched = Arrays.equals(envelope, SEALED);
        try {
            int generation = RecordEnvelope.dataKeyGeneration(envelope);
            assertThat(generation).isPositive();
            RecordContent opened = RecordEnvelope.open(envelope, KEY, BINDING);
            assertThat(untouched).as("only the envelope as sealed opens").isTrue();
            assertThat(opened).isEqualTo(CONTENT);
        } catch (UnreadableRecordException unreadable) {
            assertThat(untouched).as("the envelope as sealed must open").isFalse();
            assertThat(unreadable.getMessage()).isEqualTo("TB-0201 record envelope unreadable");
        }
    }

    /** The genuine envelope, with a few bytes flipped, then cut short or extended. */
    private static byte[] tampered(FuzzedDataProvider data) {
        byte[] bytes = SEALED.clone();
        int flips = data.consumeInt(0, 4);
        for (int i = 0; i < flips; i++) {
            bytes[data.consumeInt(0, bytes.length - 1)] ^= data.consumeByte();
        }
        int length = data.consumeInt(0, bytes.length + 64);
        byte[] resized = Arrays.copyOf(bytes, length);
        for (int i = bytes.length; i < length; i++) {
            resized[i] = data.consumeByte();
        }
        return resized;
    }
}
