package org.azukari.trustbank.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.keys.DataKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordEnvelopeTest {

    private final DataKey key = DataKey.generate();
    private final ResidentId resident = ResidentId.random();
    private final RecordBinding binding = new RecordBinding(resident, new RecordId("obs-1"), RecordVersion.FIRST,
            new ResourceType("Observation"));
    private final RecordContent content = RecordContent.ofUtf8("{\"resourceType\":\"Observation\",\"note\":\"secret-marker\"}");

    @Test
    void open_ofSealedRecord_givesBackThePlaintext() {
        byte[] envelope = RecordEnvelope.seal(content, key, 3, binding);

        assertThat(RecordEnvelope.open(envelope, key, binding)).isEqualTo(content);
        assertThat(RecordEnvelope.dataKeyGeneration(envelope)).isEqualTo(3);
    }

    @Test
    void seal_storesNoPlaintextAndAFreshNonceEachTime() {
        byte[] first = RecordEnvelope.seal(content, key, 1, binding);
        byte[] second = RecordEnvelope.seal(content, key, 1, binding);

        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("secret-marker");
        assertThat(first).isNotEqualTo(second);
        assertThat(first.length).isEqualTo(RecordEnvelope.HEADER_LENGTH + RecordEnvelope.NONCE_LENGTH
                + content.length() + RecordEnvelope.TAG_LENGTH);
    }

    @Test
    void open_withAnotherResidentsBinding_fails() {
        byte[] envelope = RecordEnvelope.seal(content, key, 1, binding);
        RecordBinding moved = new RecordBinding(ResidentId.random(), binding.record(), binding.version(), binding.type());

        assertThatThrownBy(() -> RecordEnvelope.open(envelope, key, moved)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void open_asAnotherRecordId_fails() {
        byte[] envelope = RecordEnvelope.seal(content, key, 1, binding);
        RecordBinding moved = new RecordBinding(resident, new RecordId("obs-2"), binding.version(), binding.type());

        assertThatThrownBy(() -> RecordEnvelope.open(envelope, key, moved)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void open_asAnotherVersion_fails() {
        byte[] envelope = RecordEnvelope.seal(content, key, 1, binding);
        RecordBinding moved = new RecordBinding(resident, binding.record(), new RecordVersion(2), binding.type());

        assertThatThrownBy(() -> RecordEnvelope.open(envelope, key, moved)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void open_asAnotherResourceType_fails() {
        byte[] envelope = RecordEnvelope.seal(content, key, 1, binding);
        RecordBinding moved = new RecordBinding(resident, binding.record(), binding.version(), new ResourceType("Patient"));

        assertThatThrownBy(() -> RecordEnvelope.open(envelope, key, moved)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void open_withAnotherKey_fails() {
        byte[] envelope = RecordEnvelope.seal(content, key, 1, binding);

        assertThatThrownBy(() -> RecordEnvelope.open(envelope, DataKey.generate(), binding))
                .isInstanceOf(UnreadableRecordException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 5, 16, 17, 30, -1})
    void open_withOneFlippedBit_fails(int position) {
        byte[] envelope = RecordEnvelope.seal(content, key, 1, binding);
        int index = position < 0 ? envelope.length + position : position;
        envelope[index] ^= 0x01;

        assertThatThrownBy(() -> RecordEnvelope.open(envelope, key, binding))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessage("TB-0201 record envelope unreadable");
    }

    @Test
    void open_ofTruncatedEnvelope_fails() {
        byte[] envelope = RecordEnvelope.seal(content, key, 1, binding);

        assertThatThrownBy(() -> RecordEnvelope.open(Arrays.copyOf(envelope, envelope.length - 1), key, binding))
                .isInstanceOf(UnreadableRecordException.class);
        assertThatThrownBy(() -> RecordEnvelope.open(Arrays.copyOf(envelope, RecordEnvelope.MIN_LENGTH - 1), key, binding))
                .isInstanceOf(UnreadableRecordException.class);
        assertThatThrownBy(() -> RecordEnvelope.open(new byte[0], key, binding))
                .isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void open_ofUnknownFormatVersion_fails() {
        byte[] envelope = RecordEnvelope.seal(content, key, 1, binding);
        envelope[0] = 0x02;

        assertThatThrownBy(() -> RecordEnvelope.open(envelope, key, binding)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void dataKeyGeneration_ofZeroOrNegative_isUnreadable() {
        byte[] envelope = RecordEnvelope.seal(content, key, 1, binding);
        envelope[1] = (byte) 0x80;

        assertThatThrownBy(() -> RecordEnvelope.dataKeyGeneration(envelope)).isInstanceOf(UnreadableRecordException.class);
    }

    /** Sealed by the hand-written AES-GCM code this module used before Tink (2026-12-07). */
    private static final String ENVELOPE_WRITTEN_BEFORE_TINK = "0100000002feba8740ecd47670213aa8e17edde0a01e092f92bbef"
            + "98026863b94398b0f0ccdb4df16b511b8f26532d0a381a2bb006cd6323f5a711fc55d0ed042e9a56b7c0add984c4a76112d38eb055";

    @Test
    void anEnvelopeWrittenBeforeTheMoveToTink_opensWithTheSameKeyAndBinding() {
        RecordBinding written = new RecordBinding(ResidentId.parse("0b6a2f64-5a1e-4b57-9a0e-2d3c4b5a6f70"),
                new RecordId("rec-1"), new RecordVersion(3), new ResourceType("Observation"));
        byte[] envelope = HexFormat.of().parseHex(ENVELOPE_WRITTEN_BEFORE_TINK);

        assertThat(RecordEnvelope.dataKeyGeneration(envelope)).isEqualTo(2);
        assertThat(RecordEnvelope.open(envelope, DataKey.fromBytes(vectorKey()), written).plaintextUtf8())
                .isEqualTo("{\"resourceType\":\"Observation\",\"status\":\"final\"}");
        assertThatThrownBy(() -> RecordEnvelope.open(envelope, DataKey.fromBytes(vectorKey()), binding))
                .isInstanceOf(UnreadableRecordException.class);
    }

    /** The key of the vectors below: bytes 1, 2, …, 32. */
    private static byte[] vectorKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i + 1);
        }
        return key;
    }
}
