package org.azukari.consent.api;

import java.util.List;

/**
 * Breach notices to residents: a notice on their portal home page and an entry in their access log
 * (action {@link AccessAction#NOTICE}, reason {@value #REASON}, the incident as request id).
 */
public interface BreachNotices {

    String REASON = "breach-notified";

    /**
     * Stores the notices and their access-log entries in one transaction: all of them or none (the
     * log unavailable: {@link AccessLogUnavailableException}, nothing stored). A resident already
     * told about the same incident is not told again.
     *
     * @param operator who notifies, as the access log names them
     * @return how many residents were told now (those told before are not counted)
     */
    int notifyAll(List<BreachNotice> notices, AccessActor operator);

    /** The notices to one resident, newest first. */
    List<BreachNotice> forResident(ResidentId resident);
}
