/** The access log at the web edge: security events into the log, the auditor's and the resident's views. */
package org.azukari.server.accesslog;
