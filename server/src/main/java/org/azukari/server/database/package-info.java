/**
 * The bank's connection pools: a small control pool for the work every caller needs at once
 * (credential checks, sign-in, portal pages, consent and log changes made there) and a bulk pool
 * for the heavy work the gateway admits in bounded numbers (ingest, release, export, pull), so that
 * a storm of the one cannot starve the other.
 */
package org.azukari.server.database;
