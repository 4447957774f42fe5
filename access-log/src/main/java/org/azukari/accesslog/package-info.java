/**
 * The access log (module {@code access-log}): the implementations behind consent-policy's seams
 * {@code AccessLog}, {@code AccessLogSearch}, {@code AccessLogVerifier}, {@code SignedCheckpoints}
 * and {@code VerificationHistory}, wired by Spring; no other module imports these classes.
 * Append-only, hash-chained, checkpointed with signatures kept outside the
 * database, its head witnessed outside the database at every commit, verifiable, retained at least
 * ten years. {@link org.azukari.accesslog.CanonicalForm} says what is hashed;
 * {@link org.azukari.accesslog.Checkpoint} what is signed;
 * {@link org.azukari.accesslog.HeadWitness} what is witnessed; the {@code jdbc} package
 * holds the system of record, its verifier, search and retention.
 */
package org.azukari.accesslog;
