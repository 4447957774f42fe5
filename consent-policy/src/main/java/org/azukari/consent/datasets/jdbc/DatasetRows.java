package org.azukari.consent.datasets.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DatasetItem;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequestStatus;
import org.azukari.consent.api.DatasetReview;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A dataset request version as a row of {@code cp_dataset_request_version}: the spec in columns
 * (categories comma-separated, items one a line in {@link DatasetItem#toString()} form, the
 * refresh interval in seconds), times in UTC to the microsecond. Reading a row runs every record's
 * own checks again, so a row edited into something malformed does not come back as a request.
 */
final class DatasetRows {

    static final String SELECT = "SELECT * FROM cp_dataset_request_version v";
    static final String CURRENT = " v.version = (SELECT MAX(w.version) FROM cp_dataset_request_version w"
            + " WHERE w.request_id = v.request_id)";
    private static final String INSERT = "INSERT INTO cp_dataset_request_version (request_id, version,"
            + " recipient_org, recipient_service, status, title, purpose, categories, items, period_start, period_end,"
            + " refresh_seconds, date_handling, age_band_years, location_level, k_min, review_outcome,"
            + " review_rationale, review_conditions, reviewer, reviewed_at, actor_id, recorded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private DatasetRows() {
    }

    static void insert(JdbcTemplate jdbc, DatasetRequest r, String actorId) {
        DatasetSpec s = r.spec();
        Deidentification d = s.deidentification();
        Optional<DatasetReview> review = r.review();
        jdbc.update(INSERT, r.id().value(), r.version(), r.recipient().organisation(),
                r.recipient().service().orElse(null), r.status().name(), s.title(), s.purpose().code(),
                s.categories().stream().map(ConsentCategory::toString).sorted().collect(Collectors.joining(",")),
                s.items().stream().map(DatasetItem::toString).collect(Collectors.joining("\n")),
                s.periodStart(), s.periodEnd(), s.refreshInterval().toSeconds(), d.dates().name(), d.ageBandYears(),
                d.location().name(), d.k(), review.map(v -> v.outcome().name()).orElse(null),
                review.map(DatasetReview::rationale).orElse(null), review.map(DatasetReview::conditions).orElse(null),
                review.map(DatasetReview::reviewer).orElse(null), review.map(v -> utc(v.at())).orElse(null), actorId,
                utc(r.recorded()));
    }

    static DatasetRequest row(ResultSet rs, int n) throws SQLException {
        DatasetSpec spec = new DatasetSpec(rs.getString("title"), new Purpose(rs.getString("purpose")),
                Arrays.stream(rs.getString("categories").split(",")).map(ConsentCategory::parse)
                        .collect(Collectors.toSet()),
                rs.getString("items").lines().map(DatasetItem::parse).toList(),
                rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class),
                Duration.ofSeconds(rs.getLong("refresh_seconds")),
                new Deidentification(Deidentification.DateHandling.valueOf(rs.getString("date_handling")),
                        rs.getInt("age_band_years"), Deidentification.LocationLevel.valueOf(rs.getString("location_level")),
                        rs.getInt("k_min")));
        String outcome = rs.getString("review_outcome");
        Optional<DatasetReview> review = outcome == null ? Optional.empty()
                : Optional.of(new DatasetReview(DatasetReview.Outcome.valueOf(outcome), rs.getString("review_rationale"),
                rs.getString("review_conditions"), rs.getString("reviewer"), instant(rs, "reviewed_at")));
        return new DatasetRequest(new DatasetRequestId(rs.getString("request_id")), rs.getInt("version"),
                new Recipient(rs.getString("recipient_org"), Optional.ofNullable(rs.getString("recipient_service"))),
                spec, DatasetRequestStatus.valueOf(rs.getString("status")), instant(rs, "recorded_at"), review);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
