/** Records: the {@link org.azukari.trustbank.records.RecordStore} seam of ciphertext and wrapped keys. */
package org.azukari.trustbank.records;
