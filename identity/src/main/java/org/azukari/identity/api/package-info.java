/**
 * The public vocabulary of identity and access: who a caller is ({@link org.azukari.identity.api.Caller})
 * and the permission strings ({@link org.azukari.identity.api.Permissions}).
 */
package org.azukari.identity.api;
