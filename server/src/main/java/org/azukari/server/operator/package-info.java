/** The operator API (JSON): organisations, clients, purposes, people, enrolment links and pull sources. Never records. */
package org.azukari.server.operator;
