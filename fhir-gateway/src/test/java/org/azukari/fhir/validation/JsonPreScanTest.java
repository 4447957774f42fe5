package org.azukari.fhir.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.azukari.fhir.validation.JsonRefusal.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPreScanTest {

    private final JsonPreScan scan = new JsonPreScan(new JsonLimits(1000, 36, 308, 100));

    private Kind refusalOf(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return scan.scan(bytes, bytes.length).map(JsonRefusal::kind).orElse(null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"value\":1e999999}|NUMBER_TOO_LARGE",
            "{\"value\":1E-400}|NUMBER_TOO_LARGE",
            "{\"value\":1234567890123456789012345678901234567}|NUMBER_TOO_LARGE",
            "{\"status\":\"final\",\"status\":\"entered-in-error\"}|DUPLICATE_KEY",
            "{\"text\":\"a\\u0000b\"}|NUL_CHARACTER",
            "{\"text\":\"a\\ud800b\"}|LONE_SURROGATE",
            "{\"text\":\"a\\udc00\"}|LONE_SURROGATE",
            "{\"a\\u0000\":1}|NUL_CHARACTER",
            "{\"resourceType\":\"Patient\",\"\":\"p1\"}|EMPTY_KEY",
            "{\"a\":|MALFORMED",
            "{\"a\":1} {}|MALFORMED",
    })
    void aHostileBody_isRefused_withItsKind(String json, Kind kind) {
        assertThat(refusalOf(json)).isEqualTo(kind);
    }

    @Test
    void aLongString_isRefused() {
        assertThat(refusalOf("{\"text\":\"" + "x".repeat(1001) + "\"}")).isEqualTo(Kind.STRING_TOO_LONG);
    }

    @Test
    void deepNesting_isRefused() {
        assertThat(refusalOf("[".repeat(101) + "]".repeat(101))).isEqualTo(Kind.TOO_DEEP);
    }

    @Test
    void invalidUtf8_isRefused_notReplaced() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(scan.scan(bytes, bytes.length).map(JsonRefusal::kind)).contains(Kind.INVALID_UTF8);
    }

    @Test
    void theDiagnostics_nameTheKindAndPlace_neverTheContent() {
        byte[] bytes = "{\"note\":\"secret-diagnosis\",\"note\":\"secret-diagnosis\"}".getBytes(StandardCharsets.UTF_8);
        JsonRefusal refusal = scan.scan(bytes, bytes.length).orElseThrow();
        assertThat(refusal.diagnostics()).startsWith("FG-0213").doesNotContain("secret").doesNotContain("note");
    }

    @Test
    void ordinaryNumbersAndText_pass() {
        assertThat(refusalOf("{\"v\":[0,-1,3.14,6.02e23,1.0E-30,0.000000000000000000000000000001,"
                + "123456789012345678],\"t\":\"日本語 😀 \\ud83d\\ude00\"}")).isNull();
    }

    @Test
    void everyJapaneseExample_passes() throws IOException {
        List<Path> files;
        try (Stream<Path> a = Files.list(Path.of("src/test/resources/jp-clins-examples"));
             Stream<Path> b = Files.list(Path.of("src/test/resources/jp-core-examples"))) {
            files = Stream.concat(a, b).filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        JsonPreScan defaults = new JsonPreScan(new JsonLimits(16_000_000, 36, 308, 1000));
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(defaults.scan(bytes, bytes.length)).as(file.toString()).isEmpty();
        }
    }
}
