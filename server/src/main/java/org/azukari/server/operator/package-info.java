/** The operator API (JSON): organisations, clients, purposes, people and enrolment links. Never records. */
package org.azukari.server.operator;
