package org.azukari.consent.consents.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentId;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyEvent;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.consents.jdbc.JdbcChanges.Changed;

/**
 * Break-glass openings as rows of {@code cp_emergency_access}. The opening and the operator's
 * review are logged (action {@code EMERGENCY_ACCESS}, purpose {@code emergency}, the opening's id
 * among the consents, reason {@code emergency-access} or {@code emergency-access-reviewed}) in the
 * same transaction as the row, so a log that cannot write leaves both undone; the practitioner's
 * reason and the review note go into the table only, never into the log.
 */
public final class JdbcEmergencyAccesses implements EmergencyAccesses {

    /** The purpose code emergency access is logged and shown under. */
    public static final Purpose EMERGENCY = new Purpose("emergency");
    private static final String INSERT = "INSERT INTO cp_emergency_access (id, resident_id, practitioner,"
            + " recipient_org, recipient_service, reason, categories, opened_at, until_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcChanges changes;
    private final Duration duration;
    private final Set<ConsentCategory> categories;

    public JdbcEmergencyAccesses(DataSource dataSource, AccessLog log, Clock clock, Duration duration,
                                 Set<ConsentCategory> categories) {
        this.changes = new JdbcChanges(dataSource, log, clock);
        this.duration = duration;
        this.categories = Set.copyOf(categories);
    }

    @Override
    public EmergencyAccess open(ResidentId resident, String practitioner, Recipient recipient, String reason,
                                Instant at) {
        EmergencyAccess access = new EmergencyAccess(ConsentId.random(), resident, practitioner, recipient, reason,
                categories, at, at.plus(duration), Optional.empty());
        AccessActor actor = new AccessActor(AccessActor.Kind.PRACTITIONER, practitioner, Optional.of(recipient.organisation()),
                Optional.empty());
        return changes.change(() -> {
            changes.jdbc.update(INSERT, access.id().value(), resident.value(), practitioner,
                    recipient.organisation(), recipient.service().orElse(null), reason,
                    JdbcChanges.categories(access.categories()), JdbcChanges.utc(access.opened()),
                    JdbcChanges.utc(access.until()));
            return new Changed<>(access, JdbcChanges.entry(actor, resident, AccessAction.EMERGENCY_ACCESS,
                    access.categories(), Optional.of(EMERGENCY), Set.of(access.id().value()), EmergencyEvent.OPENED.code()));
        });
    }

    @Override
    public Optional<EmergencyAccess> find(ConsentId id) {
        return changes.read(() -> changes.jdbc.query("SELECT * FROM cp_emergency_access WHERE id = ?",
                JdbcEmergencyAccesses::row, id.value()).stream().findFirst());
    }

    @Override
    public List<EmergencyAccess> forResident(ResidentId resident) {
        return changes.read(() -> changes.jdbc.query(
                "SELECT * FROM cp_emergency_access WHERE resident_id = ? ORDER BY opened_at DESC",
                JdbcEmergencyAccesses::row, resident.value()));
    }

    @Override
    public List<EmergencyAccess> unreviewed() {
        return changes.read(() -> changes.jdbc.query(
                "SELECT * FROM cp_emergency_access WHERE reviewed_at IS NULL ORDER BY opened_at",
                JdbcEmergencyAccesses::row));
    }

    @Override
    public List<EmergencyAccess> reviewed(int offset, int limit) {
        if (offset < 0 || offset > 10_000 || limit < 1 || limit > 100) {
            throw new BadInputException(ConsentPolicyError.CP_0235, "reviewed emergency accesses are read 1-100 at a time,"
                    + " from offset 0-10000");
        }
        return changes.read(() -> changes.jdbc.query("SELECT * FROM cp_emergency_access WHERE reviewed_at IS NOT NULL"
                + " ORDER BY reviewed_at DESC, id LIMIT ? OFFSET ?", JdbcEmergencyAccesses::row, limit, offset));
    }

    @Override
    public EmergencyAccess review(ConsentId id, String operator, String note, Instant at) {
        EmergencyAccess.Review review = new EmergencyAccess.Review(operator, note, at);
        AccessActor actor = new AccessActor(AccessActor.Kind.OPERATOR, operator, Optional.empty(), Optional.empty());
        return changes.change(() -> {
            int updated = changes.jdbc.update("UPDATE cp_emergency_access SET reviewed_by = ?, review_note = ?,"
                    + " reviewed_at = ? WHERE id = ? AND reviewed_at IS NULL", operator, review.note(),
                    JdbcChanges.utc(at), id.value());
            EmergencyAccess found = changes.jdbc.query("SELECT * FROM cp_emergency_access WHERE id = ?",
                    JdbcEmergencyAccesses::row, id.value()).stream().findFirst()
                    .orElseThrow(() -> new ConsentChangeRefusedException(ConsentChangeRefusedException.NOT_FOUND,
                            "no emergency access " + id));
            if (updated == 0) {
                throw new ConsentChangeRefusedException(ConsentPolicyError.CP_0233, "emergency access " + id + " is already reviewed");
            }
            return new Changed<>(found, JdbcChanges.entry(actor, found.resident(), AccessAction.EMERGENCY_ACCESS,
                    found.categories(), Optional.of(EMERGENCY), Set.of(id.value()), EmergencyEvent.REVIEWED.code()));
        });
    }

    private static EmergencyAccess row(ResultSet rs, int n) throws SQLException {
        Instant reviewedAt = JdbcChanges.instant(rs, "reviewed_at");
        return new EmergencyAccess(new ConsentId(rs.getString("id")),
                new ResidentId(rs.getObject("resident_id", UUID.class)), rs.getString("practitioner"),
                new Recipient(rs.getString("recipient_org"), Optional.ofNullable(rs.getString("recipient_service"))),
                rs.getString("reason"), JdbcChanges.categories(rs.getString("categories")),
                JdbcChanges.instant(rs, "opened_at"), JdbcChanges.instant(rs, "until_at"),
                reviewedAt == null ? Optional.empty() : Optional.of(new EmergencyAccess.Review(
                        rs.getString("reviewed_by"), rs.getString("review_note"), reviewedAt)));
    }
}
