package org.azukari.identity.api;

import org.azukari.consent.api.ResidentId;

/**
 * The permission vocabulary, written down once: Shiro wildcard permissions of the form
 * {@code domain:action:instance}, lower case. Shiro answers "may this caller call this";
 * whether a recipient may see a resident's data for a purpose is consent-policy's question.
 */
public final class Permissions {

    private Permissions() {
    }

    /** A resident reading their own records in the portal. */
    public static String readOwnRecords(ResidentId resident) {
        return "record:read:" + resident.value();
    }

    /** A resident managing their own consents, access log view, download and erasure. */
    public static String manageOwnData(ResidentId resident) {
        return "resident:manage:" + resident.value();
    }

    /** A source feed pushing records as its own organisation. */
    public static String ingestAs(OrganisationId source) {
        return "record:ingest:" + source.value();
    }

    /** A clinic (EMR or practitioner) asking for a release, which consent then decides. */
    public static String requestReleaseFor(OrganisationId clinic) {
        return "record:release:" + clinic.value();
    }

    /** A wellness service filing and fetching its own dataset requests. */
    public static String requestDatasetsFor(OrganisationId service) {
        return "dataset:request:" + service.value();
    }

    /** Operators: register organisations, clients, people, purposes; approve requests. Never read records. */
    public static final String ADMINISTER_REGISTRY = "registry:administer";

    /** Operators approving dataset requests. */
    public static final String APPROVE_DATASETS = "dataset:approve";

    /** Auditors: read and verify the whole access log. */
    public static final String READ_ACCESS_LOG = "accesslog:read";
}
