/**
 * The registry of organisations, their purposes, the purpose catalogue and OAuth system clients
 * with their public keys, over JDBC (PostgreSQL in production, H2 embedded; tables {@code id_*}
 * from {@code V3_1__registry.sql}). Registrations are all-or-nothing.
 */
package org.azukari.identity.registry;
