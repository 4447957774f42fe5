/** The release tables: {@code fg_release_pseudonym}, {@code fg_release_share_code}, {@code fg_release_receipt}. */
package org.azukari.fhir.release.jdbc;
