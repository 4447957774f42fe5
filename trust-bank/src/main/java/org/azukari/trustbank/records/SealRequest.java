package org.azukari.trustbank.records;

/** Asks the caller to seal record number {@code index} of the batch under this binding. */
public record SealRequest(int index, org.azukari.trustbank.envelope.RecordBinding binding) {
}
