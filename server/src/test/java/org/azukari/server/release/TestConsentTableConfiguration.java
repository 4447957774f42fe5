package org.azukari.server.release;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentVersionRef;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.ConsentRequests;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * TEST ONLY (server test sources): a table of permits standing in for consent-policy's
 * decision point until it exists, and a recording {@link ConsentRequests}. Questions about a
 * (resident, recipient) the table does not name go to the real decision point if there is one,
 * else are denied ({@code no-consent}).
 */
@Configuration(proxyBeanMethods = false)
public class TestConsentTableConfiguration {

    /** What the table permits: categories, purpose, and the consent that says so. */
    public record Permit(Purpose purpose, Set<ConsentCategory> categories, ConsentVersionRef consent) {
    }

    /** The table, and the recording of consent requests. */
    public static final class TestConsentTable implements ConsentDecisionPoint, ConsentRequests {

        private final Map<String, Permit> permits = new ConcurrentHashMap<>();
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final ObjectProvider<ConsentDecisionPoint> others;

        TestConsentTable(ObjectProvider<ConsentDecisionPoint> others) {
            this.others = others;
        }

        public void permit(ResidentId resident, String recipient, Permit permit) {
            permits.put(resident + "|" + recipient, permit);
        }

        public void withdraw(ResidentId resident, String recipient) {
            permits.remove(resident + "|" + recipient);
        }

        public boolean names(ResidentId resident, String recipient) {
            return permits.containsKey(resident + "|" + recipient);
        }

        public List<String> requests() {
            return List.copyOf(requests);
        }

        @Override
        public Decision decide(Question question) {
            Permit permit = permits.get(question.resident() + "|" + question.recipient().organisation());
            if (permit == null) {
                Optional<ConsentDecisionPoint> real = others.orderedStream().filter(p -> p != this).findFirst();
                return real.map(p -> p.decide(question))
                        .orElseGet(() -> new Decision(false, Set.of(), List.of(), "no-consent", false));
            }
            if (!permit.purpose().equals(question.purpose())) {
                return new Decision(false, Set.of(), List.of(), "wrong-purpose", false);
            }
            Set<ConsentCategory> permitted = new java.util.HashSet<>();
            for (ConsentCategory asked : question.categories()) {
                if (permit.categories().stream().anyMatch(p -> p.covers(asked))) {
                    permitted.add(asked);
                }
            }
            permitted.addAll(permit.categories());
            return new Decision(true, permitted, List.of(permit.consent()), "consent-permit", false);
        }

        @Override
        public void fileRequest(ResidentId resident, Recipient recipient, Purpose purpose) {
            requests.add(resident + "|" + recipient + "|" + purpose);
        }
    }

    @Bean
    @Primary
    TestConsentTable testConsentTable(ObjectProvider<ConsentDecisionPoint> others) {
        return new TestConsentTable(others);
    }
}
