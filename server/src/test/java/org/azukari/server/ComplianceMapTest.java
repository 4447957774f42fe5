package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/compliance.md} names, for each duty, the test that proves it as
 * {@code `TestClass#method`}. A renamed or deleted test would leave the map claiming a proof that
 * no longer exists: every reference must name a test class in some module's test tree that still
 * declares that method.
 */
class ComplianceMapTest {

    private static final Pattern REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9_]*)`");

    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("docs/compliance.md")) ? here : here.getParent();
    }

    private static Map<String, List<Path>> testSources(Path repository) throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(repository)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path tests = module.resolve("src/test/java");
                if (Files.isDirectory(tests)) {
                    try (Stream<Path> files = Files.walk(tests)) {
                        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
        }
        return sources.stream().collect(Collectors.groupingBy(
                f -> f.getFileName().toString().replaceFirst("\\.java$", "")));
    }

    @Test
    void everyTestTheComplianceMapNames_existsWithThatMethod() throws IOException {
        Path repository = repository();
        String map = Files.readString(repository.resolve("docs/compliance.md"));
        Map<String, List<Path>> sources = testSources(repository);
        Matcher reference = REFERENCE.matcher(map);
        List<String> missing = new ArrayList<>();
        int references = 0;
        while (reference.find()) {
            references++;
            String type = reference.group(1);
            Pattern method = Pattern.compile("\\bvoid\\s+" + Pattern.quote(reference.group(2)) + "\\s*\\(");
            boolean found = false;
            for (Path source : sources.getOrDefault(type, List.of())) {
                found |= method.matcher(Files.readString(source)).find();
            }
            if (!found) {
                missing.add(reference.group());
            }
        }
        assertThat(references).as("the map names its proofs").isGreaterThan(20);
        assertThat(missing).as("tests named in docs/compliance.md that do not exist").isEmpty();
    }
}
