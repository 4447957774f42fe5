package org.azukari.accesslog.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogQuery;

/**
 * An {@link AccessLogQuery} as an Elasticsearch search over the read alias: every criterion a
 * {@code term} (or {@code terms}, {@code range}) in a bool {@code filter} (exact, unscored,
 * cacheable), newest first by sequence. The time range is half-open: {@code from <= at < to}.
 *
 * <p>Paging is {@code search_after} on the sequence sort, never {@code from}: the sequence is
 * unique and only grows, so "older than the last sequence seen" is a stable cursor on its own and
 * pages go past {@code index.max_result_window} (10,000) without a point in time. Entries indexed
 * meanwhile are newer than any cursor and cannot shift a page.
 *
 * <p>Emergency is not a stored field of the index: it is the rule of
 * {@link AccessLogEntry#emergency()} over {@code action} and {@code reason}, which every document
 * ever indexed has, so documents indexed before the filter existed match it without a reindex.
 */
final class SearchRequests {

    private SearchRequests() {
    }

    static SearchRequest of(IndexNames names, AccessLogQuery query) {
        List<Query> filters = new ArrayList<>();
        query.resident().ifPresent(r -> filters.add(term("resident", r.toString())));
        query.actorId().ifPresent(a -> filters.add(term("actor_id", a)));
        query.organisation().ifPresent(o -> filters.add(term("organisation", o)));
        query.client().ifPresent(c -> filters.add(term("client", c)));
        query.purpose().ifPresent(p -> filters.add(term("purpose", p.code())));
        query.decision().ifPresent(d -> filters.add(term("decision", d.name())));
        query.requestId().ifPresent(r -> filters.add(term("request_id", r)));
        if (!query.actions().isEmpty()) {
            filters.add(terms("action", query.actions().stream().map(Enum::name).sorted().toList()));
        }
        query.emergency().ifPresent(wanted -> filters.add(wanted ? EMERGENCY : Query.of(q -> q.bool(b -> b.mustNot(EMERGENCY)))));
        if (query.from().isPresent() || query.to().isPresent()) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("at");
                query.from().ifPresent(f -> d.gte(f.toString()));
                query.to().ifPresent(t -> d.lt(t.toString()));
                return d;
            }))));
        }
        return SearchRequest.of(s -> {
            s.index(names.alias())
                    .query(q -> q.bool(b -> b.filter(filters)))
                    .sort(o -> o.field(f -> f.field("sequence").order(SortOrder.Desc)))
                    .size(query.limit())
                    .trackTotalHits(t -> t.enabled(false))
                    // no index yet (nothing logged): an empty answer, not an error
                    .ignoreUnavailable(true)
                    .allowNoIndices(true);
            query.before().ifPresent(b -> s.searchAfter(FieldValue.of(b)));
            return s;
        });
    }

    /** {@link AccessLogEntry#emergency()} as a query: the action, or one of the reasons. */
    private static final Query EMERGENCY = Query.of(q -> q.bool(b -> b
            .should(term("action", AccessAction.EMERGENCY_ACCESS.name()))
            .should(terms("reason", AccessLogEntry.EMERGENCY_REASONS.stream().sorted().toList()))
            .minimumShouldMatch("1")));

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    private static Query terms(String field, List<String> values) {
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }
}
