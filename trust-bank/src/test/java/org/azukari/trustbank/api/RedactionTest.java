package org.azukari.trustbank.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.testing.Records;
import org.junit.jupiter.api.Test;

/** Types that carry health data show none of it; errors carry a code and ids only. */
class RedactionTest {

    private final String marker = Records.marker();

    @Test
    void recordsAndContents_showNoContentInToString() {
        RecordToStore record = Records.observation(marker);
        DecryptedRecord decrypted = new DecryptedRecord(new StoredRecord(ResidentId.random(), record.id(),
                RecordVersion.FIRST, record.type(), record.category(), java.time.Instant.now()), record.content());

        assertThat(record.toString()).doesNotContain(marker).contains("redacted");
        assertThat(decrypted.toString()).doesNotContain(marker).contains("redacted");
        assertThat(record.content().toString()).isEqualTo("RecordContent[" + record.content().length() + " bytes, redacted]");
    }

    @Test
    void invalidIdentifiers_areRefusedWithoutEchoingTheInput() {
        String sneaky = "山田太郎 " + marker;

        assertThatThrownBy(() -> new RecordId(sneaky)).isInstanceOf(InvalidRecordException.class)
                .hasMessage("TB-0204 malformed record id");
        assertThatThrownBy(() -> new ResourceType(sneaky)).hasMessage("TB-0204 malformed resource type");
        assertThatThrownBy(() -> ResidentId.parse(sneaky)).hasMessage("CP-0001 malformed resident id");
    }

    @Test
    void everyTrustBankException_startsWithItsStableCode() {
        assertThat(new KeyVaultUnavailableException("x").code()).isEqualTo("TB-0101");
        assertThat(new KeyVaultDeniedException("x").code()).isEqualTo("TB-0102");
        assertThat(new ResidentKeyDestroyedException("x").code()).isEqualTo("TB-0103");
        assertThat(new UnreadableRecordException("x").code()).isEqualTo("TB-0201");
        assertThat(new RecordNotFoundException("x").code()).isEqualTo("TB-0202");
        assertThat(new VersionConflictException("x").code()).isEqualTo("TB-0203");
        assertThat(new InvalidRecordException("x").code()).isEqualTo("TB-0204");
        assertThat(new ResidentNotEnrolledException("x").code()).isEqualTo("TB-0301");
        assertThat(new ResidentErasedException("x").code()).isEqualTo("TB-0302");
        assertThat(KeyVaultUnavailableException.keyMissing("x", null)).hasMessage("TB-0108 x")
                .isInstanceOf(KeyVaultUnavailableException.class);
        assertThat(new RecordNotFoundException("record r1 not found")).hasMessage("TB-0202 record r1 not found");
    }

    @Test
    void contentLimits_areCheckedWithoutEchoingTheContent() {
        assertThatThrownBy(() -> RecordContent.of(new byte[0])).hasMessage("TB-0204 empty record");
        assertThatThrownBy(() -> RecordContent.of(new byte[RecordContent.MAX_LENGTH + 1]))
                .isInstanceOf(InvalidRecordException.class);
    }
}
