package org.azukari.consent.assessments.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.AssessmentTerms;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.PrivacyAssessment;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.consent.api.PrivacyContact;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The assessments in {@code cp_privacy_assessment}. Recording reads the newest version and inserts
 * the next: two operators recording at once both aim at the same primary key, and the later is
 * refused with {@code CP-0221} rather than overwriting anything.
 */
public final class JdbcPrivacyAssessments implements PrivacyAssessments {

    private static final String SELECT = "SELECT subject_kind, subject_id, version, purpose, data_items, recipients,"
            + " retention, risks, mitigations, contact_name, contact_reach, reviewer, recorded_at"
            + " FROM cp_privacy_assessment WHERE subject_kind = ? AND subject_id = ? ORDER BY version DESC";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcPrivacyAssessments(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    @Override
    public PrivacyAssessment record(AssessmentSubject subject, AssessmentTerms terms, String reviewer) {
        if (reviewer == null || reviewer.isBlank() || reviewer.length() > 64) {
            throw new BadInputException(ConsentPolicyError.CP_0404, "an assessment names its reviewer");
        }
        return store(() -> {
            Integer newest = jdbc.queryForObject("SELECT MAX(version) FROM cp_privacy_assessment"
                    + " WHERE subject_kind = ? AND subject_id = ?", Integer.class, subject.kind().name(), subject.id());
            PrivacyAssessment next = new PrivacyAssessment(subject, newest == null ? 1 : newest + 1, terms, reviewer,
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            jdbc.update("INSERT INTO cp_privacy_assessment (subject_kind, subject_id, version, purpose, data_items,"
                            + " recipients, retention, risks, mitigations, contact_name, contact_reach, reviewer,"
                            + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    subject.kind().name(), subject.id(), next.version(), terms.purpose(),
                    terms.dataItems().stream().map(ConsentCategory::toString).sorted().collect(Collectors.joining(",")),
                    terms.recipients(), terms.retention(), terms.risks(), terms.mitigations(), terms.contact().name(),
                    terms.contact().reach(), reviewer, Timestamp.from(next.recorded()));
            return next;
        });
    }

    @Override
    public Optional<PrivacyAssessment> current(AssessmentSubject subject) {
        return history(subject).stream().findFirst();
    }

    @Override
    public List<PrivacyAssessment> history(AssessmentSubject subject) {
        return store(() -> jdbc.query(SELECT, JdbcPrivacyAssessments::row, subject.kind().name(), subject.id()));
    }

    private static PrivacyAssessment row(ResultSet rs, int n) throws SQLException {
        AssessmentSubject subject = new AssessmentSubject(AssessmentSubject.Kind.valueOf(rs.getString(1)),
                rs.getString(2));
        AssessmentTerms terms = new AssessmentTerms(rs.getString(4),
                Arrays.stream(rs.getString(5).split(",")).map(ConsentCategory::parse).collect(Collectors.toSet()),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                new PrivacyContact(rs.getString(10), rs.getString(11)));
        return new PrivacyAssessment(subject, rs.getInt(3), terms, rs.getString(12),
                rs.getTimestamp(13).toInstant());
    }

    private static <T> T store(Supplier<T> work) {
        try {
            return work.get();
        } catch (DuplicateKeyException e) {
            throw new ConsentChangeRefusedException(ConsentChangeRefusedException.WRONG_STATE,
                    "assessment recorded concurrently; read it again");
        } catch (DataAccessException e) {
            throw new ConsentUnavailableException("privacy assessment store unavailable", e);
        }
    }
}
