package org.azukari.fhir.config;

import java.util.Set;
import org.azukari.fhir.validation.ValidationMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code azukari.gateway.*}: the FHIR gateway's limits and validation.
 *
 * @param maxBodySize   the largest request body {@code /fhir} reads (413 beyond)
 * @param maxEntries    the most entries one Bundle may hold (413 beyond)
 * @param storeChunk    records per trust-bank call inside one ingest transaction
 * @param validation    {@code default-mode} (lenient) and {@code strict-sources}: organisation ids held to their profiles
 */
@ConfigurationProperties("azukari.gateway")
public record GatewayProperties(@DefaultValue("64MB") DataSize maxBodySize,
                                @DefaultValue("20000") int maxEntries,
                                @DefaultValue("1000") int storeChunk,
                                @DefaultValue Validation validation) {

    public record Validation(@DefaultValue("LENIENT") ValidationMode defaultMode,
                             @DefaultValue("") Set<String> strictSources) {
    }
}
