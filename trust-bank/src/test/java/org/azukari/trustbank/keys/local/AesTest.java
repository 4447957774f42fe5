package org.azukari.trustbank.keys.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.junit.jupiter.api.Test;

class AesTest {

    /** "data key bytes" under associated data "aad", sealed by the hand-written code used before Tink (2026-12-07). */
    private static final String SEALED_BEFORE_TINK =
            "e8cd252049b3307e3ef156fad904d0dcfc28ed28471e7dfeb230417bbdcdfd801a92571e5f18820ffd7a";

    @Test
    void aKeyWrappedBeforeTheMoveToTink_opensWithItsAssociatedData_andWithNoOther() {
        byte[] sealed = HexFormat.of().parseHex(SEALED_BEFORE_TINK);

        assertThat(new String(Aes.open(vectorKey(), sealed, bytes("aad")), StandardCharsets.UTF_8)).isEqualTo("data key bytes");
        assertThatThrownBy(() -> Aes.open(vectorKey(), sealed, bytes("other"))).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void sealThenOpen_givesThePlaintextBack_andTooShortInputIsUnreadable() {
        byte[] sealed = Aes.seal(vectorKey(), bytes("wrapped"), bytes("aad"));

        assertThat(sealed).hasSize(12 + "wrapped".length() + 16);
        assertThat(Aes.open(vectorKey(), sealed, bytes("aad"))).isEqualTo(bytes("wrapped"));
        assertThatThrownBy(() -> Aes.open(vectorKey(), new byte[27], bytes("aad"))).isInstanceOf(UnreadableRecordException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] vectorKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i + 1);
        }
        return key;
    }
}
