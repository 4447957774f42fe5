package org.azukari.consent.api;

/** Where a dataset request stands; only {@code APPROVED} may be exported. */
public enum DatasetRequestStatus { SUBMITTED, CHANGES_REQUESTED, APPROVED, REJECTED }
