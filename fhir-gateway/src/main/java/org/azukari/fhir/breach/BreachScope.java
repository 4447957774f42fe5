package org.azukari.fhir.breach;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BreachNotice;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.AuditEvents;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.OrganisationId;

/**
 * Whose data went out through a compromised client, account or organisation in a window, worked
 * out from the access log alone: the entries of that actor in the window that released or exported
 * records ({@code READ}, {@code SEARCH}, {@code EXPORT}; decision {@code PERMIT}; with records
 * counted), less the releases the log itself says failed (a {@code release-failed} entry with the
 * same request id: nothing was sent). Denials, entries of other actors and entries outside the
 * window do not count.
 *
 * <p>Bounded: the window is at most {@value #MAX_WINDOW_DAYS} days, and at most
 * {@value #MAX_ENTRIES} permitted entries of the actor are read (a bound on the work of one
 * request, paged by the log's keyset cursor); a window that holds more is refused ({@code AL-0004}) before any answer is given, never
 * answered in part. A failure entry is looked for up to {@link #FAILURE_GRACE} after the window,
 * since it follows its release by the time the release took.
 */
public class BreachScope {

    public static final int MAX_WINDOW_DAYS = 366;
    public static final int MAX_ENTRIES = 10_000;
    static final Duration FAILURE_GRACE = Duration.ofMinutes(5);
    private static final int PAGE = 1000;
    private static final Set<AccessAction> RELEASES = EnumSet.of(AccessAction.READ, AccessAction.SEARCH,
            AccessAction.EXPORT);

    private final AccessLogSearch search;

    public BreachScope(AccessLogSearch search) {
        this.search = search;
    }

    /** What was compromised: exactly one of a client, a person's account or an organisation. */
    public record Compromised(Kind kind, String id) {

        public enum Kind { CLIENT, ACCOUNT, ORGANISATION }

        /** Checked before any work: one of the three, each in its own identifier's form. */
        public static Compromised of(Optional<String> client, Optional<String> account, Optional<String> organisation) {
            int named = (client.isPresent() ? 1 : 0) + (account.isPresent() ? 1 : 0) + (organisation.isPresent() ? 1 : 0);
            if (named != 1) {
                throw new BadInputException(FhirGatewayError.AL_0002, "name exactly one of client, account or organisation");
            }
            if (client.isPresent()) {
                return new Compromised(Kind.CLIENT, new ClientId(client.get()).value());
            }
            if (account.isPresent()) {
                try {
                    return new Compromised(Kind.ACCOUNT, UUID.fromString(account.get()).toString());
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(FhirGatewayError.OP_0004, "account is an account id");
                }
            }
            return new Compromised(Kind.ORGANISATION, new OrganisationId(organisation.get()).value());
        }

        boolean acted(AccessActor actor) {
            return switch (kind) {
                case CLIENT -> actor.client().filter(id::equals).isPresent();
                case ACCOUNT -> actor.client().isEmpty() && actor.id().equals(id);
                case ORGANISATION -> actor.organisation().filter(id::equals).isPresent();
            };
        }

        /** The first page of the actor's permitted entries in the window (and the grace after it). */
        AccessLogQuery firstPage(Window window) {
            Optional<String> actor = kind == Kind.ORGANISATION ? Optional.empty() : Optional.of(id);
            Optional<String> organisation = kind == Kind.ORGANISATION ? Optional.of(id) : Optional.empty();
            return AccessLogQuery.builder().actorId(actor).organisation(organisation).from(window.from())
                    .to(window.to().plus(FAILURE_GRACE)).decision(AccessDecision.PERMIT).limit(PAGE).build();
        }
    }

    /** The window, from (inclusive) to (exclusive), at most {@value #MAX_WINDOW_DAYS} days. */
    public record Window(Instant from, Instant to) {

        public static Window of(Optional<Instant> from, Optional<Instant> to) {
            if (from.isEmpty() || to.isEmpty() || !from.get().isBefore(to.get())
                    || Duration.between(from.get(), to.get()).compareTo(Duration.ofDays(MAX_WINDOW_DAYS)) > 0) {
                throw new BadInputException(FhirGatewayError.AL_0003, "from and to, from before to, at most "
                        + MAX_WINDOW_DAYS + " days apart");
            }
            return new Window(from.get(), to.get());
        }

        boolean holds(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }
    }

    /** One resident's part of the scope: the log entries that released their records, oldest first. */
    public record Affected(ResidentId resident, List<LoggedEntry> releases) {

        public int records() {
            return releases.stream().mapToInt(r -> r.entry().resourceCounts().values().stream()
                    .mapToInt(Integer::intValue).sum()).sum();
        }

        public SortedMap<String, Integer> resourceCounts() {
            SortedMap<String, Integer> counts = new TreeMap<>();
            releases.forEach(r -> r.entry().resourceCounts().forEach((type, n) -> counts.merge(type, n, Integer::sum)));
            return counts;
        }

        public Set<DataCategory> categories() {
            Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
            releases.forEach(r -> categories.addAll(r.entry().categories()));
            return categories;
        }

        public Optional<String> organisation() {
            return releases.stream().map(r -> r.entry().actor().organisation()).flatMap(Optional::stream).findFirst();
        }
    }

    /** Everyone affected, in a stable order (by resident id), each with their releases. */
    public List<Affected> affected(Compromised compromised, Window window) {
        List<LoggedEntry> permitted = permitted(compromised, window);
        Set<String> failed = new HashSet<>();
        permitted.stream().filter(l -> AuditEvents.RELEASE_FAILED.equals(l.entry().reason()))
                .forEach(l -> failed.add(l.entry().requestId()));
        Map<ResidentId, List<LoggedEntry>> byResident = new TreeMap<>(Comparator.comparing(ResidentId::toString));
        permitted.stream()
                .filter(l -> released(l.entry()) && window.holds(l.at()) && !failed.contains(l.entry().requestId()))
                .sorted(Comparator.comparingLong(LoggedEntry::sequence))
                .forEach(l -> byResident.computeIfAbsent(l.entry().resident().orElseThrow(), r -> new ArrayList<>()).add(l));
        List<Affected> affected = new ArrayList<>();
        byResident.forEach((resident, releases) -> affected.add(new Affected(resident, List.copyOf(releases))));
        return affected;
    }

    /**
     * The notice to each affected resident about {@code incident} (checked here: {@code AL-0005}),
     * for the operator's API and console alike.
     */
    public static List<BreachNotice> notices(String incident, Window window, List<Affected> affected, Instant now) {
        if (incident == null || !BreachNotice.INCIDENT.matcher(incident).matches()) {
            throw new BadInputException(FhirGatewayError.AL_0005, "malformed incident reference");
        }
        List<BreachNotice> batch = new ArrayList<>();
        for (Affected one : affected) {
            batch.add(new BreachNotice(incident, one.resident(), one.organisation(), window.from(), window.to(),
                    one.categories(), one.records(), now));
        }
        return batch;
    }

    private static boolean released(AccessLogEntry entry) {
        return RELEASES.contains(entry.action()) && entry.decision() == AccessDecision.PERMIT
                && entry.resident().isPresent() && !AuditEvents.RELEASE_FAILED.equals(entry.reason())
                && entry.resourceCounts().values().stream().anyMatch(n -> n > 0);
    }

    /** The actor's permitted entries in the window (and the grace after it), each once. */
    private List<LoggedEntry> permitted(Compromised compromised, Window window) {
        Map<Long, LoggedEntry> seen = new LinkedHashMap<>();
        AccessLogQuery query = compromised.firstPage(window);
        for (int read = 0; ; read += PAGE) {
            if (read >= MAX_ENTRIES) {
                throw new BadInputException(FhirGatewayError.AL_0004, "more than " + MAX_ENTRIES + " entries in the window");
            }
            List<LoggedEntry> page = search.search(query);
            page.stream().filter(l -> compromised.acted(l.entry().actor())).forEach(l -> seen.put(l.sequence(), l));
            if (page.size() < PAGE) {
                return List.copyOf(seen.values());
            }
            query = query.olderThan(page.get(page.size() - 1).sequence());
        }
    }
}
