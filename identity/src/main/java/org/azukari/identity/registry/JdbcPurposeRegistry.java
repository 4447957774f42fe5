package org.azukari.identity.registry;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.azukari.consent.api.Purpose;
import org.azukari.identity.api.OrganisationRegistryException;
import org.azukari.identity.api.PurposeRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The purpose catalogue in {@code id_purpose}. */
public final class JdbcPurposeRegistry implements PurposeRegistry {

    private static final RowMapper<Entry> ENTRY =
            (rs, n) -> new Entry(new Purpose(rs.getString(1)), rs.getString(2), rs.getString(3));

    private final JdbcTemplate jdbc;

    public JdbcPurposeRegistry(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public List<Entry> purposes() {
        return jdbc.query("SELECT code, label_ja, label_en FROM id_purpose ORDER BY code", ENTRY);
    }

    @Override
    public Optional<Entry> find(Purpose purpose) {
        return jdbc.query("SELECT code, label_ja, label_en FROM id_purpose WHERE code = ?", ENTRY, purpose.code())
                .stream().findFirst();
    }

    @Override
    public Entry define(Entry entry) {
        try {
            jdbc.update("INSERT INTO id_purpose (code, label_ja, label_en) VALUES (?, ?, ?)",
                    entry.purpose().code(), entry.labelJa(), entry.labelEn());
            return entry;
        } catch (DuplicateKeyException e) {
            throw new OrganisationRegistryException(OrganisationRegistryException.PURPOSE_EXISTS, "purpose already defined");
        }
    }
}
