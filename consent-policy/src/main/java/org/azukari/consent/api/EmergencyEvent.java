package org.azukari.consent.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The break-glass events the access log records besides releases (logged as
 * {@link AccessAction#EMERGENCY_ACCESS}), by their reason codes: an opening, its review, and an
 * operator's change of a practitioner's emergency role. With the emergency
 * {@link ConsentDecisionPoint.PermitReason}s they are the reasons that make an entry
 * {@linkplain AccessLogEntry#emergency() emergency}; the codes are hashed and must not change.
 */
public enum EmergencyEvent {
    OPENED("emergency-access"),
    REVIEWED("emergency-access-reviewed"),
    ROLE_GRANTED("emergency-role-granted"),
    ROLE_ALREADY_HELD("emergency-role-already-held"),
    ROLE_REVOKED("emergency-role-revoked"),
    ROLE_NOT_HELD("emergency-role-not-held");

    private final String code;

    EmergencyEvent(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<EmergencyEvent> ofCode(String code) {
        return Arrays.stream(values()).filter(event -> event.code.equals(code)).findFirst();
    }
}
