/**
 * The web security edge: Apache Shiro's filter chain (deny by default), people's sign-in with
 * sessions and CSRF tokens, systems' stateless bearer tokens, and the edge's error shapes.
 * Uses identity only through {@code org.azukari.identity.api}.
 */
package org.azukari.server.security;
