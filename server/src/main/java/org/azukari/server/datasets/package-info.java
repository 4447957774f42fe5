/**
 * Dataset requests over JSON: wellness services file, revise and follow their own requests
 * (under {@code /api/system}, bearer token); operators review them as a data ethics board would
 * (under {@code /api/operator}, session and CSRF). Another service's request answers 404.
 */
package org.azukari.server.datasets;
