package org.azukari.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.azukari.trustbank.testing.RequiredEnv;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Selenium against the running bank: pages opened,
 * forms filled and submitted with the keyboard (Enter and Space, never a mouse click), screenshots
 * saved under {@code target/screenshots/}, and axe-core (from the npm registry, installed by
 * infra/) run in every page checked, refusing any serious or critical violation. The browser and
 * axe come from AZUKARI_IT_CHROME_BIN, AZUKARI_IT_CHROMEDRIVER and AZUKARI_IT_AXE_JS: without
 * them the test fails, it never skips.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AXE_RUN = "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations.map("
            + "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))))"
            + ".catch(e => done('ERROR ' + e));";

    private final ChromeDriver driver;
    private final String base;
    public final Path downloads;

    private Browser(ChromeDriver driver, String base, Path downloads) {
        this.driver = driver;
        this.base = base;
        this.downloads = downloads;
    }

    public static Browser open(int port) throws IOException {
        Path downloads = Files.createTempDirectory("azukari-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(RequiredEnv.get("AZUKARI_IT_CHROME_BIN"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--lang=en-US",
                "--user-data-dir=" + Files.createTempDirectory("azukari-chromium"));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(RequiredEnv.get("AZUKARI_IT_CHROMEDRIVER")).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        return new Browser(driver, "http://127.0.0.1:" + port, downloads);
    }

    public void go(String path) {
        driver.get(base + path);
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String html() {
        return driver.getPageSource();
    }

    public WebElement find(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Types into a field. */
    public void type(By field, String text) {
        WebElement element = find(field);
        element.clear();
        element.sendKeys(text);
    }

    /** Activates a link or button with the Enter key, and waits for the next page. */
    public void press(By control) {
        WebElement element = find(control);
        element.sendKeys(Keys.ENTER);
        awaitNextPage(element);
    }

    /** The old page is gone once its element is: Chromium says so as stale, or as "not in the document". */
    private void awaitNextPage(WebElement fromOldPage) {
        new WebDriverWait(driver, WAIT).until(d -> {
            try {
                fromOldPage.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }

    /** Ticks a checkbox or radio button with the Space key. */
    public void tick(By box) {
        WebElement element = find(box);
        if (!element.isSelected()) {
            element.sendKeys(Keys.SPACE);
        }
        assertThat(element.isSelected()).as("ticked with the keyboard: " + box).isTrue();
    }

    /** Where the keyboard focus is after pressing Tab {@code times} times from the top of the page. */
    public WebElement tabFromTop(int times) {
        for (int i = 0; i < times; i++) {
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        return driver.switchTo().activeElement();
    }

    /** Presses a key where the keyboard focus is now. */
    public void key(CharSequence key) {
        driver.switchTo().activeElement().sendKeys(key);
    }

    public void signIn(String username, String password) {
        type(By.id("username"), username);
        type(By.id("password"), password);
        WebElement field = find(By.id("password"));
        field.sendKeys(Keys.ENTER);
        awaitNextPage(field);
    }

    /** Shows the page at a phone's width (390 × 844 CSS pixels) until {@link #desktop()}. */
    public void phone() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    }

    public void desktop() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }

    /** Whether the page is wider than the window (a phone user would have to scroll sideways). */
    public boolean scrollsSideways() {
        Object wider = driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        return Boolean.TRUE.equals(wider);
    }

    /** Saves the page as {@code target/screenshots/<name>.png}. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /** Runs axe-core in the page and fails on any serious or critical violation, naming them. */
    public void assertAccessible(String page) throws IOException {
        driver.executeScript(Files.readString(Path.of(RequiredEnv.get("AZUKARI_IT_AXE_JS")), StandardCharsets.UTF_8));
        Object answer = driver.executeAsyncScript(AXE_RUN);
        assertThat(answer).as("axe ran in " + page).isInstanceOf(String.class);
        assertThat((String) answer).as("axe ran in " + page).doesNotStartWith("ERROR");
        List<String> serious = new ArrayList<>();
        for (JsonNode violation : JSON.readTree((String) answer)) {
            String impact = violation.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                serious.add(impact + " " + violation.path("id").asText() + " (" + violation.path("help").asText()
                        + ") at " + violation.path("nodes"));
            }
        }
        assertThat(serious).as("serious or critical accessibility violations in " + page).isEmpty();
    }

    /** Waits (polling, with a deadline) for a downloaded file to be complete. */
    public Path download(String fileName) {
        Path file = downloads.resolve(fileName);
        Awaitility.await("the download of " + fileName).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.isRegularFile(file) && Files.size(file) > 0
                        && !Files.exists(downloads.resolve(fileName + ".crdownload")));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
