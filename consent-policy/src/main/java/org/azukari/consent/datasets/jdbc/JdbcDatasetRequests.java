package org.azukari.consent.datasets.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.DatasetRequest;
import org.azukari.consent.api.DatasetRequestId;
import org.azukari.consent.api.DatasetRequestStatus;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.DatasetReview;
import org.azukari.consent.api.DatasetSpec;
import org.azukari.consent.api.Recipient;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dataset requests as rows of {@code cp_dataset_request_version}, one per version, inserted and
 * never updated; the newest version is the request's state. Each change and its access-log entry
 * (action {@code CONSENT_CHANGE}, no resident, the request id among the entry's ids) share one
 * transaction, so a log that cannot write leaves nothing changed.
 *
 * <p>{@code askResidents} is only checked here (it goes with an approval): who the enrolled
 * residents are, and the words they are asked in, live in the identity module, which depends on
 * this one. The edge that approves files the consent requests after the approval is stored.
 */
public final class JdbcDatasetRequests implements DatasetRequests {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AccessLog log;
    private final Clock clock;

    public JdbcDatasetRequests(DataSource dataSource, AccessLog log, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.log = log;
        this.clock = clock;
    }

    @Override
    public DatasetRequest file(Recipient recipient, DatasetSpec spec, AccessActor actor) {
        return change(() -> store(new DatasetRequest(DatasetRequestId.random(), 1, recipient, spec,
                DatasetRequestStatus.SUBMITTED, now(), Optional.empty()), actor, "dataset-request-filed"));
    }

    @Override
    public DatasetRequest revise(DatasetRequestId id, Recipient recipient, DatasetSpec spec, AccessActor actor) {
        return change(() -> {
            DatasetRequest current = current(id).filter(r -> r.recipient().organisation()
                    .equals(recipient.organisation())).orElseThrow(() -> notFound(id));
            if (current.status() != DatasetRequestStatus.CHANGES_REQUESTED) {
                throw new ConsentChangeRefusedException(ConsentChangeRefusedException.WRONG_STATE,
                        "dataset request " + id + " is not waiting for changes");
            }
            return store(new DatasetRequest(id, current.version() + 1, current.recipient(), spec,
                    DatasetRequestStatus.SUBMITTED, now(), Optional.empty()), actor, "dataset-request-revised");
        });
    }

    @Override
    public DatasetRequest review(DatasetRequestId id, DatasetReview review, boolean askResidents,
                                 AccessActor operator) {
        if (askResidents && review.outcome() != DatasetReview.Outcome.APPROVE) {
            throw new BadInputException(ConsentPolicyError.CP_0306, "residents are asked only with an approval");
        }
        return change(() -> {
            DatasetRequest current = current(id).orElseThrow(() -> notFound(id));
            if (current.status() != DatasetRequestStatus.SUBMITTED) {
                throw new ConsentChangeRefusedException(ConsentChangeRefusedException.WRONG_STATE,
                        "dataset request " + id + " is not waiting for a review");
            }
            if (review.outcome() == DatasetReview.Outcome.APPROVE && !assessed(id)) {
                throw new ConsentChangeRefusedException(ConsentChangeRefusedException.NO_ASSESSMENT,
                        "dataset request " + id + " has no privacy impact assessment");
            }
            DatasetRequestStatus status = switch (review.outcome()) {
                case APPROVE -> DatasetRequestStatus.APPROVED;
                case REQUEST_CHANGES -> DatasetRequestStatus.CHANGES_REQUESTED;
                case REJECT -> DatasetRequestStatus.REJECTED;
            };
            return store(new DatasetRequest(id, current.version() + 1, current.recipient(), current.spec(), status,
                    now(), Optional.of(review)), operator, "dataset-request-" + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        });
    }

    @Override
    public Optional<DatasetRequest> find(DatasetRequestId id) {
        return read(() -> current(id));
    }

    @Override
    public List<DatasetRequest> history(DatasetRequestId id) {
        return read(() -> jdbc.query(DatasetRows.SELECT + " WHERE v.request_id = ? ORDER BY v.version",
                DatasetRows::row, id.value()));
    }

    @Override
    public List<DatasetRequest> ofRecipient(String organisation) {
        return read(() -> jdbc.query(DatasetRows.SELECT + " WHERE v.recipient_org = ? AND" + DatasetRows.CURRENT,
                DatasetRows::row, organisation).stream().sorted(NEWEST_FIRST).toList());
    }

    @Override
    public List<DatasetRequest> all() {
        return read(() -> jdbc.query(DatasetRows.SELECT + " WHERE" + DatasetRows.CURRENT, DatasetRows::row).stream()
                .sorted(Comparator.comparing((DatasetRequest r) -> r.status() != DatasetRequestStatus.SUBMITTED)
                        .thenComparing(NEWEST_FIRST)).toList());
    }

    private static final Comparator<DatasetRequest> NEWEST_FIRST =
            Comparator.comparing(DatasetRequest::recorded).reversed().thenComparing(r -> r.id().value());

    private Optional<DatasetRequest> current(DatasetRequestId id) {
        return jdbc.query(DatasetRows.SELECT + " WHERE v.request_id = ? AND" + DatasetRows.CURRENT, DatasetRows::row,
                id.value()).stream().findFirst();
    }

    /** Read inside the review's transaction: an assessment recorded before the approval counts, none does not. */
    private boolean assessed(DatasetRequestId id) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM cp_privacy_assessment WHERE subject_kind = ? AND subject_id = ?",
                Long.class, AssessmentSubject.Kind.DATASET_REQUEST.name(), id.value());
        return n != null && n > 0;
    }

    private DatasetRequest store(DatasetRequest request, AccessActor actor, String reason) {
        DatasetRows.insert(jdbc, request, actor.id());
        DatasetSpec spec = request.spec();
        log.appendAll(List.of(AccessLogEntry.change(actor, Optional.empty(), AccessAction.CONSENT_CHANGE,
                spec.categories().stream().map(ConsentCategory::category).collect(Collectors.toSet()),
                Optional.of(spec.purpose()), Set.of(request.id().value()), reason)));
        return request;
    }

    private <T> T change(Supplier<T> change) {
        try {
            return transactions.execute(status -> change.get());
        } catch (DuplicateKeyException e) {
            throw new ConsentChangeRefusedException(ConsentChangeRefusedException.WRONG_STATE,
                    "changed concurrently; read it again");
        } catch (DataAccessException e) {
            throw new ConsentUnavailableException("dataset request store unavailable", e);
        }
    }

    private <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (DataAccessException e) {
            throw new ConsentUnavailableException("dataset request store unavailable", e);
        } catch (IllegalArgumentException e) {
            throw new ConsentUnavailableException("dataset request store holds an unreadable row", e);
        }
    }

    private static ConsentChangeRefusedException notFound(DatasetRequestId id) {
        return new ConsentChangeRefusedException(ConsentChangeRefusedException.NOT_FOUND, "no dataset request " + id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
