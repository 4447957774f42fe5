package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.azukari.consent.api.ConsentPolicyError;
import org.azukari.consent.api.ErrorCode;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.IdentityError;
import org.azukari.server.web.ServerError;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.ui.web.UiError;
import org.junit.jupiter.api.Test;

/**
 * One error vocabulary: every code the main sources raise, log or answer with is defined once, in
 * its module's catalogue, with one meaning; every catalogued code is used; docs/errors.md lists the
 * catalogues exactly; and no module doc names a code the catalogues do not hold (unless it says the
 * code is retired). Run with {@code -Dazukari.errors.write=true} to rewrite the generated part of
 * docs/errors.md after changing a catalogue.
 */
class ErrorCatalogueTest {

    /** A module's catalogue, the prefixes it owns, and the module it lives in. */
    record Catalogue(String module, Class<? extends ErrorCode> type, Set<String> prefixes) {

        List<ErrorCode> codes() {
            return Arrays.asList(type.getEnumConstants());
        }
    }

    static final List<Catalogue> CATALOGUES = List.of(
            new Catalogue("consent-policy", ConsentPolicyError.class, Set.of("CP")),
            new Catalogue("identity", IdentityError.class, Set.of("ID")),
            new Catalogue("trust-bank", TrustBankError.class, Set.of("TB")),
            new Catalogue("fhir-gateway", FhirGatewayError.class, Set.of("FG", "EX", "AL", "OP")),
            new Catalogue("ui", UiError.class, Set.of("UI", "AU", "DS")),
            new Catalogue("server", ServerError.class, Set.of("RL")));

    static final Path ROOT = Path.of("..");
    static final Path DOC = ROOT.resolve("docs/errors.md");
    static final String GENERATED = "<!-- generated from the catalogues by ErrorCatalogueTest; do not edit below -->";
    /** A code opening a string literal ("FG-0315 …"), the way code raises, logs or answers one. */
    private static final Pattern LITERAL = Pattern.compile("\"([A-Z]{2}-\\d{4})\\b");
    /** A catalogue constant named in code ({@code FhirGatewayError.FG_0315}, or statically imported). */
    private static final Pattern CONSTANT = Pattern.compile("\\b([A-Z]{2})_(\\d{4})\\b");
    private static final Pattern MENTION = Pattern.compile("\\b([A-Z]{2}-\\d{4})\\b");

    @Test
    void everyCode_isDefinedOnce_inTheCatalogueThatOwnsItsPrefix() {
        Map<String, List<String>> homes = new TreeMap<>();
        List<String> misplaced = new ArrayList<>();
        for (Catalogue catalogue : CATALOGUES) {
            for (ErrorCode code : catalogue.codes()) {
                homes.computeIfAbsent(code.code(), c -> new ArrayList<>()).add(catalogue.type().getSimpleName());
                if (!catalogue.prefixes().contains(code.code().substring(0, 2))) {
                    misplaced.add(code.code() + " in " + catalogue.type().getSimpleName());
                }
                assertThat(code.code()).as("the form of a code").matches("[A-Z]{2}-\\d{4}");
                assertThat(code.meaning()).as(code.code() + " has a meaning").isNotBlank();
                assertThat(code.status()).as(code.code() + " status").isIn(0, 400, 401, 403, 404, 409, 410, 413, 415,
                        422, 429, 500, 503);
            }
        }
        assertThat(homes.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList())
                .as("codes defined twice").isEmpty();
        assertThat(misplaced).as("codes outside the catalogue of their prefix").isEmpty();
        Set<String> prefixes = new TreeSet<>();
        CATALOGUES.forEach(c -> c.prefixes().forEach(p -> assertThat(prefixes.add(p)).as(p + " owned twice").isTrue()));
    }

    @Test
    void everyCodeTheMainSourcesRaiseLogOrAnswer_isCatalogued() {
        Set<String> catalogued = catalogued().keySet();
        Map<String, String> uncatalogued = new TreeMap<>();
        usesInMainSources().forEach((code, where) -> {
            if (!catalogued.contains(code)) {
                uncatalogued.put(code, where);
            }
        });
        assertThat(uncatalogued).as("codes used in main sources but in no catalogue (code → first file)").isEmpty();
    }

    @Test
    void everyCataloguedCode_isUsedByMainCode() {
        Set<String> used = usesInMainSources().keySet();
        List<String> unused = catalogued().keySet().stream().filter(code -> !used.contains(code)).toList();
        assertThat(unused).as("catalogued codes that no main code raises, logs or answers with").isEmpty();
    }

    @Test
    void docsErrorsMd_listsEveryCatalogue_asItIs() throws IOException {
        String expected = render();
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int marker = doc.indexOf(GENERATED);
        assertThat(marker).as("docs/errors.md has its generated part").isNotNegative();
        String generated = doc.substring(marker + GENERATED.length());
        if (!generated.equals(expected) && Boolean.getBoolean("azukari.errors.write")) {
            Files.writeString(DOC, doc.substring(0, marker + GENERATED.length()) + expected, StandardCharsets.UTF_8);
            generated = expected;
        }
        assertThat(generated).as("docs/errors.md (rewrite with -Dazukari.errors.write=true)").isEqualTo(expected);
    }

    @Test
    void theModuleDocs_nameOnlyCataloguedCodes_unlessTheySayTheCodeIsRetired() throws IOException {
        Set<String> catalogued = catalogued().keySet();
        Map<String, String> unknown = new TreeMap<>();
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
                    if (line.contains("retired") || line.contains("(was ")) {
                        continue;
                    }
                    Matcher m = MENTION.matcher(line);
                    while (m.find()) {
                        if (!catalogued.contains(m.group(1))) {
                            unknown.putIfAbsent(m.group(1), doc.getFileName().toString());
                        }
                    }
                }
            }
        }
        assertThat(unknown).as("codes a doc names that no catalogue holds (code → doc)").isEmpty();
    }

    static Map<String, ErrorCode> catalogued() {
        return CATALOGUES.stream().flatMap(c -> c.codes().stream())
                .collect(Collectors.toMap(ErrorCode::code, c -> c, (a, b) -> a, TreeMap::new));
    }

    /** Code → the first main source file that uses it (a literal, or a constant outside its own catalogue). */
    static Map<String, String> usesInMainSources() {
        Set<String> catalogueFiles = CATALOGUES.stream().map(c -> c.type().getSimpleName() + ".java")
                .collect(Collectors.toSet());
        Map<String, String> uses = new HashMap<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path main : modules.map(m -> m.resolve("src/main")).filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        String name = file.getFileName().toString();
                        if (!name.endsWith(".java") && !name.endsWith(".html") && !name.endsWith(".properties")) {
                            continue;
                        }
                        String text = Files.readString(file, StandardCharsets.UTF_8);
                        String where = ROOT.relativize(file).toString();
                        Matcher literal = LITERAL.matcher(text);
                        while (literal.find()) {
                            uses.putIfAbsent(literal.group(1), where);
                        }
                        if (name.endsWith(".java") && !catalogueFiles.contains(name)) {
                            Matcher constant = CONSTANT.matcher(text);
                            while (constant.find()) {
                                uses.putIfAbsent(constant.group(1) + "-" + constant.group(2), where);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** The generated part of docs/errors.md: one table per catalogue. */
    static String render() {
        StringBuilder out = new StringBuilder("\n");
        for (Catalogue catalogue : CATALOGUES) {
            out.append("\n## ").append(catalogue.module()).append(": `").append(catalogue.type().getSimpleName())
                    .append("` (").append(catalogue.prefixes().stream().sorted().collect(Collectors.joining(", ")))
                    .append(")\n\n| code | status | meaning |\n| --- | --- | --- |\n");
            catalogue.codes().stream().sorted((a, b) -> a.code().compareTo(b.code())).forEach(code -> out
                    .append("| `").append(code.code()).append("` | ")
                    .append(code.status() == 0 ? "—" : String.valueOf(code.status())).append(" | ")
                    .append(code.meaning().replace("|", "\\|")).append(" |\n"));
        }
        return out.toString();
    }
}
