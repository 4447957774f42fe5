package org.azukari.ui.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.azukari.consent.api.BadStateException;
import org.azukari.ui.web.UiError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Every published version of the privacy policy, read once at start-up from {@code location}
 * ({@code versions.properties} and {@code v<n>.<ja|en>.txt}). A missing or malformed version stops
 * the start ({@code UI-0430}), never a page later. The version in force is the highest whose day
 * has come in the city's zone; a version dated ahead is not shown until then.
 */
@Component
public final class PrivacyPolicy {

    static final List<String> LANGUAGES = List.of("ja", "en");

    private final List<Version> versions;
    private final Clock clock;
    private final ZoneId zone;

    @Autowired
    PrivacyPolicy(@Value("${azukari.ui.privacy-policy:classpath:privacy-policy/}") String location,
                  @Value("${azukari.ui.zone:Asia/Tokyo}") ZoneId zone, ResourceLoader resources,
                  ObjectProvider<Clock> clock) {
        this(location, zone, resources, clock.getIfAvailable(Clock::systemUTC));
    }

    PrivacyPolicy(String location, ZoneId zone, ResourceLoader resources, Clock clock) {
        this.versions = load(resources, location.endsWith("/") ? location : location + "/");
        this.clock = clock;
        this.zone = zone;
    }

    /** A block of the text: a heading, a paragraph or a list. */
    public record Block(String kind, String text, List<String> items) {
    }

    /** One version: its number, the day it is in force from, what changed and its text, by language. */
    public record Version(int number, LocalDate effective, Map<String, String> changes, Map<String, List<Block>> text) {

        public String changes(String language) {
            return changes.get("ja".equals(language) ? "ja" : "en");
        }

        public List<Block> text(String language) {
            return text.get("ja".equals(language) ? "ja" : "en");
        }
    }

    /** The versions in force now or before, newest first. */
    public List<Version> published() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return versions.stream().filter(v -> !v.effective().isAfter(today))
                .sorted(Comparator.comparingInt(Version::number).reversed()).toList();
    }

    /** The version in force (before the first one's day: the first one, so the page is never empty). */
    public Version current() {
        return published().stream().findFirst()
                .orElseGet(() -> versions.stream().min(Comparator.comparingInt(Version::number)).orElseThrow());
    }

    public Optional<Version> published(int number) {
        return published().stream().filter(v -> v.number() == number).findFirst();
    }

    private static List<Version> load(ResourceLoader resources, String location) {
        try {
            Properties index = new Properties();
            try (InputStream in = resources.getResource(location + "versions.properties").getInputStream()) {
                index.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            List<Version> versions = new ArrayList<>();
            for (String n : index.getProperty("versions", "").split(",")) {
                int number = Integer.parseInt(n.strip());
                LocalDate effective = LocalDate.parse(required(index, number + ".effective"));
                versions.add(new Version(number, effective,
                        Map.of("ja", required(index, number + ".changes.ja"), "en", required(index, number + ".changes.en")),
                        Map.of("ja", blocks(resources.getResource(location + "v" + number + ".ja.txt")),
                                "en", blocks(resources.getResource(location + "v" + number + ".en.txt")))));
            }
            if (versions.isEmpty() || versions.stream().map(Version::number).distinct().count() != versions.size()) {
                throw new BadStateException(UiError.UI_0430, "the privacy policy needs distinct versions");
            }
            return List.copyOf(versions);
        } catch (IOException | NumberFormatException | DateTimeParseException e) {
            throw new BadStateException(UiError.UI_0430, "the privacy policy at " + location + " cannot be read", e);
        }
    }

    private static String required(Properties index, String key) {
        String value = index.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new BadStateException(UiError.UI_0430, "the privacy policy index lacks " + key);
        }
        return value.strip();
    }

    /** Blocks separated by blank lines; "# " a heading, lines starting "- " a list, else a paragraph. */
    static List<Block> blocks(Resource resource) throws IOException {
        String text;
        try (InputStream in = resource.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
        List<Block> blocks = new ArrayList<>();
        for (String chunk : text.split("\n\\s*\n")) {
            List<String> lines = Arrays.stream(chunk.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
            List<String> paragraph = new ArrayList<>();
            List<String> items = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("# ")) {
                    blocks.add(new Block("heading", line.substring(2).strip(), List.of()));
                } else if (line.startsWith("- ")) {
                    flush(blocks, paragraph);
                    items.add(line.substring(2).strip());
                } else {
                    if (!items.isEmpty()) {
                        blocks.add(new Block("list", "", List.copyOf(items)));
                        items.clear();
                    }
                    paragraph.add(line);
                    flush(blocks, paragraph);
                }
            }
            flush(blocks, paragraph);
            if (!items.isEmpty()) {
                blocks.add(new Block("list", "", List.copyOf(items)));
            }
        }
        if (blocks.isEmpty()) {
            throw new BadStateException(UiError.UI_0430, "a privacy policy text is empty");
        }
        return List.copyOf(blocks);
    }

    private static void flush(List<Block> blocks, List<String> paragraph) {
        if (!paragraph.isEmpty()) {
            blocks.add(new Block("paragraph", String.join(" ", paragraph), List.of()));
            paragraph.clear();
        }
    }
}
