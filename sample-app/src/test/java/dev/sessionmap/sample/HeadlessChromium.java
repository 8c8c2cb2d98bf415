package dev.sessionmap.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, with a fresh profile
 * of its own: two instances share no cookies, like two different people's browsers. Both
 * paths are given to Selenium, so Selenium Manager never runs and nothing is downloaded.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;

    private final ChromeDriverService service;

    final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /**
     * Whether the Debian packages {@code chromium} and {@code chromium-driver} are
     * installed.
     */
    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    static HeadlessChromium start() throws IOException {
        return start(null);
    }

    /**
     * A browser that sends {@code userAgent} instead of its own, when given: another
     * device, as the site sees it.
     */
    static HeadlessChromium start(@Nullable String userAgent) throws IOException {
        Path profile = Files.createTempDirectory("sessionmap-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--window-size=900,600", "--user-data-dir=" + profile);
        if (userAgent != null) {
            options.addArguments("--user-agent=" + userAgent);
        }
        try {
            return new HeadlessChromium(profile, service, new ChromeDriver(service, options));
        }
        catch (RuntimeException ex) {
            service.stop();
            deleteProfile(profile);
            throw ex;
        }
    }

    void open(String url) {
        this.driver.get(url);
    }

    String text(String cssSelector) {
        return this.driver.findElement(By.cssSelector(cssSelector)).getText();
    }

    WebElement element(String cssSelector) {
        return this.driver.findElement(By.cssSelector(cssSelector));
    }

    boolean has(String cssSelector) {
        return !this.driver.findElements(By.cssSelector(cssSelector)).isEmpty();
    }

    /**
     * Waits until a page (the one a click or a form led to) has loaded and shows
     * {@code text} in the element.
     */
    void awaitText(String cssSelector, String text) {
        await("\"" + text + "\" in " + cssSelector,
                (driver) -> loaded() && driver.findElements(By.cssSelector(cssSelector))
                    .stream()
                    .anyMatch((element) -> element.getText().contains(text)));
    }

    /**
     * Waits until the browser is on a page whose address starts with {@code prefix},
     * fully loaded.
     */
    void awaitPage(String prefix) {
        await("a page at " + prefix, (driver) -> driver.getCurrentUrl().startsWith(prefix) && loaded());
    }

    private boolean loaded() {
        return "complete".equals(this.driver.executeScript("return document.readyState"));
    }

    /**
     * Waits for a condition; the page it was checked on may be replaced meanwhile (a
     * stale element).
     */
    private void await(String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
            .withMessage(() -> "waited for " + what + ", on " + this.driver.getCurrentUrl())
            .until(condition);
    }

    /** The session cookie as the browser keeps it, or {@code null}. */
    @Nullable Cookie sessionCookie() {
        return this.driver.manage().getCookieNamed("sessionid");
    }

    /**
     * The names of all the cookies the browser holds, of every site, as the DevTools
     * protocol lists them.
     */
    @SuppressWarnings("unchecked")
    List<String> cookieNames() {
        Map<String, Object> result = this.driver.executeCdpCommand("Storage.getCookies", Map.of());
        return ((List<Map<String, Object>>) result.get("cookies")).stream()
            .map((cookie) -> (String) cookie.get("name"))
            .toList();
    }

    @Override
    public void close() {
        try {
            this.driver.quit();
        }
        finally {
            this.service.stop();
            deleteProfile(this.profile);
        }
    }

    /**
     * Best effort: a browser that is still exiting may write one more file; it is a temp
     * dir.
     */
    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
        catch (IOException | UncheckedIOException ex) {
            // left for the OS to clean up
        }
    }

}
