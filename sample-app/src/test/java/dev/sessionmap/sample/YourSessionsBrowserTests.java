package dev.sessionmap.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sessionmap.core.UserSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * "Your sessions" in two headless Chromium browsers, each with a profile and cookie jar
 * of its own, logged in as the same member: what one does on the page logs the other out
 * on its next request. The second browser claims a user agent with markup in it, which
 * the page shows as text.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class YourSessionsBrowserTests {

    /** A user agent that would add an element to the page if it were not escaped. */
    static final String HOSTILE = "Mozilla/5.0 (X11; Linux x86_64) <img id=injected src=x> Firefox/128.0";

    static final Path SCREENSHOT = Path.of("target", "sample-your-sessions.png");

    @LocalServerPort
    int port;

    @Autowired
    UserSessions userSessions;

    private HeadlessChromium laptop;

    private HeadlessChromium phone;

    private String site;

    @BeforeEach
    void openTwoBrowsers() throws IOException {
        assumeTrue(HeadlessChromium.installed(), "Chromium is not installed (" + HeadlessChromium.BINARY + ", "
                + HeadlessChromium.DRIVER + "): apt-get install -y chromium chromium-driver to run the browser test");
        this.userSessions.revokeAll("alice");
        this.site = "http://localhost:" + this.port;
        this.laptop = HeadlessChromium.start();
        this.phone = HeadlessChromium.start(HOSTILE);
        logIn(this.laptop);
        logIn(this.phone);
    }

    @AfterEach
    void closeBrowsers() {
        try (HeadlessChromium laptop = this.laptop; HeadlessChromium phone = this.phone) {
            // closes both, the one that started too if the other did not (null when
            // skipped)
        }
    }

    @Test
    void eachBrowserSeesBothSessionsWithItsOwnMarked() throws IOException {
        this.laptop.element("#your-sessions").click();
        this.laptop.awaitText("h1", "Your sessions");
        assertThat(this.laptop.driver.findElements(By.cssSelector("#sessions li"))).hasSize(2);
        WebElement mine = this.laptop.element("#sessions li.current");
        assertThat(mine.findElement(By.cssSelector(".device")).getText()).startsWith("Headless Chrome ")
            .endsWith(" on Linux");
        assertThat(mine.findElement(By.cssSelector(".this-device")).getText()).isEqualTo("This device");
        assertThat(mine.findElements(By.cssSelector(".revoke"))).isEmpty();
        WebElement other = this.laptop.element("#sessions li:not(.current)");
        assertThat(other.findElement(By.cssSelector(".device")).getText()).isEqualTo("Firefox 128 on Linux");
        assertThat(other.findElement(By.cssSelector(".device")).getAttribute("title")).isEqualTo(HOSTILE);
        assertThat(other.findElement(By.cssSelector(".last-seen")).getText()).isEqualTo("just now");
        assertThat(other.findElements(By.cssSelector(".this-device"))).isEmpty();
        assertThat(this.laptop.has("#injected")).isFalse();
        Files.copy(this.laptop.driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                StandardCopyOption.REPLACE_EXISTING);

        this.phone.open(this.site + "/sessions");
        assertThat(this.phone.driver.findElements(By.cssSelector("#sessions li"))).hasSize(2);
        assertThat(this.phone.element("#sessions li.current .device").getText()).isEqualTo("Firefox 128 on Linux");
        assertThat(this.phone.has("#injected")).isFalse();
    }

    @Test
    void revokingTheOtherSessionLogsThatBrowserOutOnItsNextRequest() {
        this.laptop.open(this.site + "/sessions");
        this.laptop.element("#sessions li:not(.current) .revoke").click();
        this.laptop.awaitText(".messages", "That device is logged out.");
        assertThat(this.laptop.driver.findElements(By.cssSelector("#sessions li"))).hasSize(1);
        assertThat(this.laptop.has("#sessions li.current")).isTrue();

        this.phone.open(this.site + "/sessions");
        this.phone.awaitPage(this.site + "/login");
        assertThat(this.phone.text(".member")).contains("Not logged in");

        this.laptop.open(this.site + "/account");
        assertThat(this.laptop.text("#username")).isEqualTo("alice");
    }

    @Test
    void loggingOutEverywhereElseLogsTheOtherBrowserOutAndKeepsThisOne() {
        this.laptop.open(this.site + "/account");
        this.laptop.element("#sessions-link").click();
        this.laptop.awaitText("h1", "Your sessions");
        this.laptop.element("#revoke-others").click();
        this.laptop.awaitText(".messages", "1 other device is logged out.");
        assertThat(this.laptop.driver.findElements(By.cssSelector("#sessions li"))).hasSize(1);

        this.phone.open(this.site + "/account");
        this.phone.awaitPage(this.site + "/login");
        assertThat(this.phone.text(".member")).contains("Not logged in");

        this.laptop.open(this.site + "/account");
        assertThat(this.laptop.driver.getCurrentUrl()).isEqualTo(this.site + "/account");
        assertThat(this.laptop.text("#member")).isEqualTo("Alice");
    }

    private void logIn(HeadlessChromium browser) {
        browser.open(this.site + "/login");
        browser.element("#username").sendKeys("alice");
        browser.element("#password").sendKeys("wonderland");
        browser.element("#submit").click();
        browser.awaitText("#member", "Alice");
    }

}
