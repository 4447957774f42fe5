/** The portal side of release: residents issue one-time share codes for clinics. */
package org.azukari.server.release;
