package org.azukari.trustbank.envelope;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.api.ResourceType;

/**
 * What a record ciphertext is bound to (its AES-GCM associated data): resident, record id,
 * version and resource type. Encoded with length prefixes so that no two bindings share bytes.
 */
public record RecordBinding(ResidentId resident, RecordId record, RecordVersion version, ResourceType type) {

    private static final byte[] LABEL = "azukari-record/v1".getBytes(StandardCharsets.UTF_8);

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        field(out, LABEL);
        field(out, resident.value().toString().getBytes(StandardCharsets.UTF_8));
        field(out, record.value().getBytes(StandardCharsets.UTF_8));
        field(out, ByteBuffer.allocate(4).putInt(version.value()).array());
        field(out, type.value().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }
}
