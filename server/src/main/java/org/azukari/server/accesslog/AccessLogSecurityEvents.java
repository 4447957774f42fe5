package org.azukari.server.accesslog;

import java.util.Optional;
import java.util.UUID;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Sign-ins, failures, tokens and refusals go into the access log, as the residents were
 * promised. Fail closed: if the log cannot take the entry, the exception reaches the realm or
 * filter that was about to let someone in, and they are not let in. Every other
 * {@link SecurityEvents} (identity's own table) still hears of the event afterwards.
 */
@Component
@Primary
class AccessLogSecurityEvents implements SecurityEvents {

    private final AccessLog accessLog;
    private final ObjectProvider<SecurityEvents> others;
    private final ObjectProvider<PeopleRegistry> people;

    AccessLogSecurityEvents(AccessLog accessLog, ObjectProvider<SecurityEvents> others,
                            ObjectProvider<PeopleRegistry> people) {
        this.accessLog = accessLog;
        this.others = others;
        this.people = people;
    }

    @Override
    public void record(SecurityEvent event) {
        accessLog.append(AccessLogEntry.securityEvent(actor(event), residentOf(event), action(event.type()),
                decision(event.type()), reason(event)));
        others.orderedStream().filter(other -> other != this).forEach(other -> other.record(event));
    }

    /** A resident's own sign-ins are about them: they see those in their access log too. */
    private Optional<ResidentId> residentOf(SecurityEvent event) {
        if (event.kind().filter(PrincipalKind::isResident).isEmpty()) {
            return Optional.empty();
        }
        try {
            AccountId account = new AccountId(UUID.fromString(event.subject()));
            return Optional.ofNullable(people.getIfAvailable())
                    .flatMap(registry -> registry.findAccount(account))
                    .flatMap(PersonAccount::resident);
        } catch (IllegalArgumentException notAnAccountId) {
            return Optional.empty();
        }
    }

    private static AccessActor actor(SecurityEvent event) {
        AccessActor.Kind kind = event.kind().map(k -> AccessActor.Kind.named(k.name())).orElse(AccessActor.Kind.UNKNOWN);
        String subject = event.subject().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? event.subject() : "unknown";
        return new AccessActor(kind, subject, event.organisation().map(OrganisationId::value), Optional.empty());
    }

    private static AccessAction action(SecurityEvent.Type type) {
        return switch (type) {
            case SIGN_IN -> AccessAction.SIGN_IN;
            case SIGN_IN_FAILED, LOCKED_OUT, SECOND_FACTOR_FAILED -> AccessAction.SIGN_IN_FAILED;
            case SIGN_OUT -> AccessAction.SIGN_OUT;
            case TOKEN_ISSUED -> AccessAction.TOKEN_ISSUED;
            case TOKEN_REFUSED, ACCESS_REFUSED -> AccessAction.REFUSAL;
        };
    }

    private static AccessDecision decision(SecurityEvent.Type type) {
        return switch (type) {
            case SIGN_IN, SIGN_OUT, TOKEN_ISSUED -> AccessDecision.PERMIT;
            default -> AccessDecision.DENY;
        };
    }

    /** The event's reason code in the log's vocabulary; anything else becomes its type. */
    private static String reason(SecurityEvent event) {
        String code = event.reasonCode().toLowerCase(java.util.Locale.ROOT);
        return code.matches("[a-z0-9][a-z0-9._-]{0,63}") ? code : event.type().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-');
    }
}
