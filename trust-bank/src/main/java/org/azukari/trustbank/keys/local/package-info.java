/** The embedded default key vault: key files sealed under a master key kept outside the database. */
package org.azukari.trustbank.keys.local;
