package org.azukari.fhir.config;

import java.util.Set;
import org.azukari.fhir.validation.JsonLimits;
import org.azukari.fhir.validation.ValidationMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code azukari.gateway.*}: the FHIR gateway's limits and validation.
 *
 * @param maxBodySize   the largest request body {@code /fhir} reads (413 beyond)
 * @param maxCompressionRatio the most bytes a gzip or deflate body may inflate to per byte sent (413 beyond),
 *                      checked once a body has inflated past 1 MiB
 * @param json          limits the JSON pre-scan holds bodies to before HAPI parses them (400 beyond)
 * @param maxEntries    the most entries one Bundle may hold (413 beyond)
 * @param storeChunk    records per trust-bank call inside one ingest transaction
 * @param validation    {@code default-mode} (lenient) and {@code strict-sources}: organisation ids held to their profiles
 */
@ConfigurationProperties("azukari.gateway")
public record GatewayProperties(@DefaultValue("64MB") DataSize maxBodySize,
                                @DefaultValue("200") int maxCompressionRatio,
                                @DefaultValue Json json,
                                @DefaultValue("20000") int maxEntries,
                                @DefaultValue("1000") int storeChunk,
                                @DefaultValue Validation validation) {

    /**
     * @param maxStringLength      the longest JSON string, in characters (FHIR asks no more than 1 MB of a
     *                             string; attachments carry base64 data, hence more)
     * @param maxSignificantDigits the most significant digits of a number (a FHIR decimal needs 18)
     * @param maxExponent          the largest exponent magnitude of a number (that of a double)
     * @param maxNestingDepth      the deepest nesting of objects and arrays
     */
    public record Json(@DefaultValue("16000000") int maxStringLength,
                       @DefaultValue("36") int maxSignificantDigits,
                       @DefaultValue("308") int maxExponent,
                       @DefaultValue("1000") int maxNestingDepth) {

        public JsonLimits limits() {
            return new JsonLimits(maxStringLength, maxSignificantDigits, maxExponent, maxNestingDepth);
        }
    }

    public record Validation(@DefaultValue("LENIENT") ValidationMode defaultMode,
                             @DefaultValue("") Set<String> strictSources) {
    }
}
