package org.azukari.consent.consents.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.NeverShare;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.consents.jdbc.JdbcChanges.Changed;

/** Never-share marks as rows of {@code cp_never_share}; each change is logged with the marks that result. */
public final class JdbcNeverShare implements NeverShare {

    private final JdbcChanges changes;

    public JdbcNeverShare(DataSource dataSource, AccessLog log, Clock clock) {
        this.changes = new JdbcChanges(dataSource, log, clock);
    }

    @Override
    public Set<ConsentCategory> marks(ResidentId resident) {
        return changes.read(() -> Set.copyOf(changes.jdbc.query(
                "SELECT category FROM cp_never_share WHERE resident_id = ?",
                (rs, n) -> ConsentCategory.parse(rs.getString(1)), resident.value())));
    }

    @Override
    public Set<ConsentCategory> replace(ResidentId resident, Set<ConsentCategory> marks, AccessActor actor) {
        Set<ConsentCategory> wanted = Set.copyOf(marks);
        return changes.change(() -> {
            Instant now = changes.now();
            changes.jdbc.update("DELETE FROM cp_never_share WHERE resident_id = ?", resident.value());
            for (ConsentCategory mark : wanted) {
                changes.jdbc.update("INSERT INTO cp_never_share (resident_id, category, marked_at) VALUES (?, ?, ?)",
                        resident.value(), mark.toString(), JdbcChanges.utc(now));
            }
            return new Changed<>(wanted, JdbcChanges.entry(actor, resident, AccessAction.CONSENT_CHANGE, wanted,
                    Optional.empty(), Set.of(), "never-share-changed"));
        });
    }

    @Override
    public Set<ConsentCategory> mark(ResidentId resident, ConsentCategory category, AccessActor actor) {
        Set<ConsentCategory> next = new HashSet<>(marks(resident));
        next.add(category);
        return replace(resident, next, actor);
    }

    @Override
    public Set<ConsentCategory> clear(ResidentId resident, ConsentCategory category, AccessActor actor) {
        Set<ConsentCategory> next = new HashSet<>(marks(resident));
        next.remove(category);
        return replace(resident, next, actor);
    }
}
