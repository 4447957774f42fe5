package org.azukari.trustbank.api;

/**
 * How much time the bank has spent encrypting records since it started: what benchmarks need
 * to tell encryption from storage inside a store call. Counts only; nothing about content.
 */
public interface SealingStatistics {

    long sealedRecords();

    long sealingNanos();
}
