/**
 * The access log: append-only, hash-chained, checkpointed with signatures kept outside the
 * database, its head witnessed outside the database at every commit, verifiable, retained at least
 * ten years. {@link org.azukari.consent.accesslog.CanonicalForm} says what is hashed;
 * {@link org.azukari.consent.accesslog.Checkpoint} what is signed;
 * {@link org.azukari.consent.accesslog.HeadWitness} what is witnessed; the {@code jdbc} package
 * holds the system of record, its verifier, search and retention.
 */
package org.azukari.consent.accesslog;
