package org.azukari.consent.accesslog.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import org.azukari.consent.api.AccessLogQuery;

/**
 * An {@link AccessLogQuery} as an Elasticsearch search over the read alias: every criterion a
 * {@code term} (or {@code range}) in a bool {@code filter} (exact, unscored, cacheable), newest
 * first by sequence, {@code from}/{@code size} paging. The time range is half-open:
 * {@code from <= at < to}.
 */
final class SearchRequests {

    /** Elasticsearch's default {@code index.max_result_window}: deeper pages need a narrower query. */
    static final int MAX_WINDOW = 10_000;

    private SearchRequests() {
    }

    static SearchRequest of(IndexNames names, AccessLogQuery query) {
        if ((long) query.offset() + query.limit() > MAX_WINDOW) {
            throw new IllegalArgumentException("CP-0156 access-log search pages end at entry " + MAX_WINDOW
                    + "; narrow the query (e.g. by time range)");
        }
        List<Query> filters = new ArrayList<>();
        query.resident().ifPresent(r -> filters.add(term("resident", r.toString())));
        query.actorId().ifPresent(a -> filters.add(term("actor_id", a)));
        query.organisation().ifPresent(o -> filters.add(term("organisation", o)));
        query.purpose().ifPresent(p -> filters.add(term("purpose", p.code())));
        query.decision().ifPresent(d -> filters.add(term("decision", d.name())));
        if (query.from().isPresent() || query.to().isPresent()) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("at");
                query.from().ifPresent(f -> d.gte(f.toString()));
                query.to().ifPresent(t -> d.lt(t.toString()));
                return d;
            }))));
        }
        return SearchRequest.of(s -> s.index(names.alias())
                .query(q -> q.bool(b -> b.filter(filters)))
                .sort(o -> o.field(f -> f.field("sequence").order(SortOrder.Desc)))
                .from(query.offset())
                .size(query.limit())
                .trackTotalHits(t -> t.enabled(false))
                // no index yet (nothing logged): an empty answer, not an error
                .ignoreUnavailable(true)
                .allowNoIndices(true));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }
}
