package dev.sessionmap.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample site in a real browser: Debian's headless Chromium, driven by Selenium.
 * Skipped, with the reason, where the {@code chromium} and {@code chromium-driver}
 * packages are not installed. Log-in, log-out and the CSRF tokens are Spring Security's,
 * on the sessionmap session: at the end of every test the browser holds no
 * {@code JSESSIONID}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleSiteBrowserTests {

    static final Path SCREENSHOT = Path.of("target", "sample-site-counter.png");

    @LocalServerPort
    int port;

    private HeadlessChromium browser;

    private String site;

    @BeforeEach
    void openBrowser() throws IOException {
        // Per test rather than in @BeforeAll, so that each test is reported as skipped,
        // with this reason.
        assumeTrue(HeadlessChromium.installed(), "Chromium is not installed (" + HeadlessChromium.BINARY + ", "
                + HeadlessChromium.DRIVER + "): apt-get install -y chromium chromium-driver to run the browser test");
        this.browser = HeadlessChromium.start();
        this.site = "http://localhost:" + this.port;
    }

    @AfterEach
    void closeBrowser() {
        if (this.browser != null) { // null when skipped
            try {
                assertThat(this.browser.cookieNames()).as("the cookies the browser holds").doesNotContain("JSESSIONID");
            }
            finally {
                this.browser.close();
            }
        }
    }

    @Test
    void reloadingCountsUpAndAnotherBrowserStartsAtOne() throws IOException {
        this.browser.open(this.site + "/");
        assertThat(this.browser.text("#count")).isEqualTo("1");
        assertThat(this.browser.text(".counter")).isEqualTo("You have visited this page 1 time.");
        this.browser.driver.navigate().refresh();
        assertThat(this.browser.text("#count")).isEqualTo("2");
        this.browser.driver.navigate().refresh();
        assertThat(this.browser.text(".counter")).isEqualTo("You have visited this page 3 times.");
        Files.copy(this.browser.driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                StandardCopyOption.REPLACE_EXISTING);

        try (HeadlessChromium other = HeadlessChromium.start()) {
            other.open(this.site + "/");
            assertThat(other.text("#count")).isEqualTo("1");
        }
        this.browser.driver.navigate().refresh();
        assertThat(this.browser.text("#count")).isEqualTo("4");
        assertThat(SCREENSHOT).isNotEmptyFile();
    }

    @Test
    void aSecondCommentIsRefused() {
        String first = "First! " + System.nanoTime();
        this.browser.open(this.site + "/comments");
        this.browser.element("#text").sendKeys(first);
        this.browser.element("#post").click();
        this.browser.awaitText(".messages", "Thanks for your comment!");
        assertThat(this.browser.text(".comments")).contains(first);

        String second = "Second! " + System.nanoTime();
        this.browser.element("#text").sendKeys(second);
        this.browser.element("#post").click();
        this.browser.awaitText(".messages", "You have already commented.");
        assertThat(this.browser.text(".comments")).contains(first).doesNotContain(second);
    }

    @Test
    void loggingInShowsTheMemberUnderANewSessionIdAndLoggingOutForgetsThem() {
        this.browser.open(this.site + "/");
        assertThat(this.browser.text(".member")).contains("Not logged in");
        String anonymous = this.browser.sessionCookie().getValue();

        this.browser.element("#login").click();
        this.browser.awaitPage(this.site + "/login");
        this.browser.element("#username").sendKeys("alice");
        this.browser.element("#password").sendKeys("wonderland");
        this.browser.element("#submit").click();
        this.browser.awaitText("#member", "Alice");
        this.browser.awaitText(".messages", "Welcome, Alice.");
        String member = this.browser.sessionCookie().getValue();
        assertThat(member).isNotEqualTo(anonymous);
        // Same session, new id: the count went on.
        assertThat(this.browser.text("#count")).isEqualTo("2");

        this.browser.element("#logout").click();
        this.browser.awaitText(".member", "Not logged in");
        this.browser.awaitText(".messages", "You are logged out.");
        assertThat(this.browser.has("#member")).isFalse();
        // The whole session went: the counter starts again, under another id.
        assertThat(this.browser.text("#count")).isEqualTo("1");
        assertThat(this.browser.sessionCookie().getValue()).isNotIn(anonymous, member);
        // Spring Security's state lived in that one cookie: the container never made a
        // session of its own.
        assertThat(this.browser.cookieNames()).containsExactly("sessionid");
    }

    @Test
    void theAccountPageAsksAVisitorToLogInAndComesBackAfterwards() {
        this.browser.open(this.site + "/");
        this.browser.element("#account").click();
        this.browser.awaitPage(this.site + "/login");
        this.browser.element("#username").sendKeys("bob");
        this.browser.element("#password").sendKeys("builder");
        this.browser.element("#submit").click();
        this.browser.awaitText("#username", "bob");
        // Spring Security marks the redirect to the saved request with "?continue".
        assertThat(this.browser.driver.getCurrentUrl()).startsWith(this.site + "/account");
        assertThat(this.browser.text("#member")).isEqualTo("Bob");
        assertThat(this.browser.text("#roles")).isEqualTo("ROLE_MEMBER");
    }

    @Test
    void aWrongPasswordKeepsTheVisitorOnTheLogInPage() {
        this.browser.open(this.site + "/login");
        this.browser.element("#username").sendKeys("alice");
        this.browser.element("#password").sendKeys("builder");
        this.browser.element("#submit").click();
        this.browser.awaitText(".messages", "Unknown username or wrong password.");
        assertThat(this.browser.text(".member")).contains("Not logged in");
    }

    @Test
    void theBrowserKeepsTheSessionCookieHttpOnlyAndSameSiteLax() {
        this.browser.open(this.site + "/");
        Cookie cookie = this.browser.sessionCookie();
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.isSecure()).as("Secure on plain HTTP").isFalse();
        // HttpOnly as the page sees it: scripts cannot read the cookie.
        assertThat(this.browser.driver.executeScript("return document.cookie")).asString().doesNotContain("sessionid");
    }

    @Test
    void aLogInFormPostedFromAnotherSiteIsRefused() {
        // A page on another origin that posts valid credentials to the site (login CSRF),
        // to a visitor who has
        // a session and a CSRF token of their own: the forged form cannot know the token.
        this.browser.open(this.site + "/login");
        String forged = "<form method=post action='" + this.site + "/login'>"
                + "<input name=username value=alice><input name=password value=wonderland></form>"
                + "<script>document.forms[0].submit()</script>";
        this.browser.open("data:text/html," + forged);
        this.browser.awaitPage(this.site + "/");
        assertThat(this.browser.driver.getCurrentUrl()).isEqualTo(this.site + "/login");
        assertThat(this.browser.text("h1")).isEqualTo("403 Forbidden");
        assertThat(this.browser.driver.getPageSource()).doesNotContain("Logged in as");

        this.browser.open(this.site + "/");
        assertThat(this.browser.text(".member")).contains("Not logged in");
    }

}
