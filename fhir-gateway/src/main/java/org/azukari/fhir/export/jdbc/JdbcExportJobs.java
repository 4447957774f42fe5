package org.azukari.fhir.export.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.fhir.export.ExportJob;
import org.azukari.fhir.export.ExportJobStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ExportJobStore} on the bank's database; a job ends once (its status moves only from RUNNING). */
public final class JdbcExportJobs implements ExportJobStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JdbcExportJobs(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new org.springframework.jdbc.datasource.DataSourceTransactionManager(
                dataSource));
    }

    @Override
    public void create(ExportJob job) {
        jdbc.update("INSERT INTO fg_export_job (job_id, request_id, organisation, client_id, types, status,"
                        + " residents_done, residents_total, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
                job.id(), job.request(), job.organisation(), job.client(), String.join(",", job.types()),
                job.status().name(), Timestamp.from(job.createdAt()), Timestamp.from(job.expiresAt()));
    }

    @Override
    public Optional<ExportJob> find(String id) {
        return jdbc.query("SELECT * FROM fg_export_job WHERE job_id = ?", this::row, id).stream().findFirst();
    }

    @Override
    public void progress(String id, int done, int total) {
        jdbc.update("UPDATE fg_export_job SET residents_done = ?, residents_total = ? WHERE job_id = ? AND status = 'RUNNING'",
                done, total, id);
    }

    @Override
    public boolean complete(String id, SortedMap<String, Integer> outputs, int included, int suppressedResidents,
                            SortedMap<String, Integer> suppressedRecords, Instant at) {
        int suppressed = suppressedRecords.values().stream().mapToInt(Integer::intValue).sum();
        Boolean done = transactions.execute(status -> {
            int updated = jdbc.update("UPDATE fg_export_job SET status = 'COMPLETE', included_residents = ?,"
                    + " suppressed_residents = ?, suppressed_records = ?, completed_at = ?, residents_done = residents_total"
                    + " WHERE job_id = ? AND status = 'RUNNING'", included, suppressedResidents, suppressed,
                    Timestamp.from(at), id);
            if (updated == 1) {
                outputs.forEach((type, count) -> jdbc.update(
                        "INSERT INTO fg_export_output (job_id, resource_type, line_count) VALUES (?, ?, ?)", id, type, count));
                suppressedRecords.forEach((reason, count) -> jdbc.update(
                        "INSERT INTO fg_export_suppression (job_id, reason, record_count) VALUES (?, ?, ?)", id, reason,
                        count));
            }
            return updated == 1;
        });
        return Boolean.TRUE.equals(done);
    }

    @Override
    public boolean end(String id, ExportJob.Status status, Optional<String> errorCode, Instant at) {
        return jdbc.update("UPDATE fg_export_job SET status = ?, error_code = ?, completed_at = ? WHERE job_id = ?"
                + " AND status = 'RUNNING'", status.name(), errorCode.orElse(null), Timestamp.from(at), id) == 1;
    }

    @Override
    public void delete(String id) {
        jdbc.update("DELETE FROM fg_export_job WHERE job_id = ?", id);
    }

    @Override
    public List<ExportJob> newestFirst(int offset, int limit) {
        if (offset < 0 || offset > 10_000 || limit < 1 || limit > 100) {
            throw new BadInputException(FhirGatewayError.EX_0732, "export jobs are listed 1-100 at a time, from offset 0-10000");
        }
        return jdbc.query("SELECT * FROM fg_export_job ORDER BY created_at DESC, job_id LIMIT ? OFFSET ?", this::row,
                limit, offset);
    }

    @Override
    public List<String> running() {
        return jdbc.queryForList("SELECT job_id FROM fg_export_job WHERE status = 'RUNNING'", String.class);
    }

    @Override
    public List<String> expired(Instant at) {
        return jdbc.queryForList("SELECT job_id FROM fg_export_job WHERE expires_at < ?", String.class, Timestamp.from(at));
    }

    private ExportJob row(ResultSet rs, int i) throws SQLException {
        String id = rs.getString("job_id");
        SortedMap<String, Integer> outputs = new TreeMap<>();
        jdbc.query("SELECT resource_type, line_count FROM fg_export_output WHERE job_id = ?",
                (java.sql.ResultSet o) -> {
                    outputs.put(o.getString(1), o.getInt(2));
                }, id);
        SortedMap<String, Integer> suppressed = new TreeMap<>();
        jdbc.query("SELECT reason, record_count FROM fg_export_suppression WHERE job_id = ?",
                (java.sql.ResultSet o) -> {
                    suppressed.put(o.getString(1), o.getInt(2));
                }, id);
        Timestamp completed = rs.getTimestamp("completed_at");
        String types = rs.getString("types");
        return new ExportJob(id, rs.getString("request_id"), rs.getString("organisation"), rs.getString("client_id"),
                types.isEmpty() ? List.of() : Arrays.asList(types.split(",")), ExportJob.Status.valueOf(rs.getString("status")),
                rs.getInt("residents_done"), rs.getInt("residents_total"), rs.getInt("included_residents"),
                rs.getInt("suppressed_residents"), rs.getInt("suppressed_records"), Optional.ofNullable(rs.getString("error_code")),
                rs.getTimestamp("created_at").toInstant(), Optional.ofNullable(completed).map(Timestamp::toInstant),
                rs.getTimestamp("expires_at").toInstant(), outputs, suppressed);
    }
}
