/**
 * The auditor's console: the access log searched across residents (paged, and as CSV), the
 * chain verified from the page with the history of verifications, the signed checkpoints and their
 * witness files, the emergency accesses waiting for review and those reviewed, the dataset requests
 * and the dataset exports with their cohort counts, and the breach scope of a compromised client,
 * account or organisation, all read-only. It calls the same module services as the auditor API
 * ({@code /api/audit}). Nothing here shows a record: ids, codes, counts and times only.
 */
package org.azukari.ui.auditor;
