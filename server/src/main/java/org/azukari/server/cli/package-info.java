/** Command-line operator commands: {@code azukari-server.jar operator <command> name=value ...}. */
package org.azukari.server.cli;
