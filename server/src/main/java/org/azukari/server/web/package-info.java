/** What the JSON APIs share at the web edge: one error vocabulary as problem details. */
package org.azukari.server.web;
