/** SMART Backend Services discovery and the OAuth token endpoint, over the identity module's token service. */
package org.azukari.server.oauth;
