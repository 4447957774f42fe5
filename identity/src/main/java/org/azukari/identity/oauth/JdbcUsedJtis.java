package org.azukari.identity.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.azukari.identity.api.ClientId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client-assertion ids already used, in {@code id_used_jti}: a {@code jti} is claimed by
 * inserting it, and the primary key refuses the second claim, whichever instance makes it. The
 * row is kept until the assertion could no longer be accepted anyway.
 */
final class JdbcUsedJtis {

    private final JdbcTemplate jdbc;

    JdbcUsedJtis(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** True if this is the first use of {@code jti} by {@code client}; false on a replay. */
    boolean claim(ClientId client, String jti, Instant keepUntil) {
        try {
            jdbc.update("INSERT INTO id_used_jti (client_id, jti_hash, expires_at) VALUES (?, ?, ?)",
                    client.value(), sha256(jti), Timestamp.from(keepUntil));
            return true;
        } catch (DuplicateKeyException replay) {
            return false;
        }
    }

    int purge(Instant now) {
        return jdbc.update("DELETE FROM id_used_jti WHERE expires_at < ?", Timestamp.from(now));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
