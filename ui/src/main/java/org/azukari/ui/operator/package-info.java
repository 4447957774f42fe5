/**
 * The operator console: counts at a glance, the register of organisations, clients and purposes,
 * enrolment of residents and e-residents, the review of dataset requests and emergency accesses,
 * and how each pull source stands. Each feature has its own package and templates under
 * {@code templates/operator/}; all of them call the same module services as the operator API.
 * Nothing here shows a record: ids, organisation names, statuses, counts and times only.
 */
package org.azukari.ui.operator;
