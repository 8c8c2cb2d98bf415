package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security on sessionmap over real HTTP, as a new user meets it: form log-in back
 * to the page asked for, session fixation, CSRF, log-out, a log-in that outlives a
 * restart and is shared by a second instance, and what each kind of request costs the
 * store. No response ever sets a {@code JSESSIONID}. Each store runs it with its own
 * properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSpringSecurityHttpTests {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private ConfigurableApplicationContext app;

    protected Browser browser;

    /** The properties that put the application on the store under test. */
    protected abstract Map<String, Object> storeProperties();

    @BeforeAll
    void startApplication() {
        this.app = SecuredTestApplication.start(storeProperties());
    }

    @AfterAll
    void stopApplication() {
        if (this.app != null) {
            this.app.close();
        }
    }

    @BeforeEach
    void newBrowser() {
        this.browser = new Browser(port(this.app));
        calls(this.app);
    }

    @AfterEach
    void theContainerNeverMadeASessionOfItsOwn() {
        assertThat(this.browser.cookiesSet).doesNotContain("JSESSIONID");
    }

    @Test
    void formLogInReturnsToThePageAskedForAndLaterRequestsSeeTheUser() {
        HttpResponse<String> protectedPage = this.browser.get("/account");
        assertThat(protectedPage.statusCode()).isEqualTo(302);
        assertThat(protectedPage.headers().firstValue("Location"))
            .hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));

        HttpResponse<String> loggedIn = logIn(this.browser);
        String back = loggedIn.headers().firstValue("Location").orElseThrow();
        assertThat(back).as("the saved request").contains("/account");

        assertThat(this.browser.get(back.substring(back.indexOf("/account"))).body()).isEqualTo("hello ada");
        assertThat(this.browser.get("/account").body()).isEqualTo("hello ada");
    }

    @Test
    void theSessionFromBeforeLogInIsNotLoggedInAfterwards() {
        this.browser.get("/login");
        String beforeLogIn = this.browser.cookie;
        assertThat(beforeLogIn).as("the log-in page's CSRF token lives in the session").isNotNull();

        logIn(this.browser);

        assertThat(this.browser.cookie).isNotEqualTo(beforeLogIn);
        assertThat(this.browser.get("/account").statusCode()).isEqualTo(200);
        Browser attacker = new Browser(port(this.app));
        attacker.cookie = beforeLogIn;
        assertThat(attacker.get("/account").statusCode()).as("the planted id is worthless").isEqualTo(302);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndOneWithTheTokenFromThePageIsAccepted() {
        logIn(this.browser);
        assertThat(this.browser.post("/comment", Map.of("text", "hi")).statusCode()).isEqualTo(403);

        String token = this.browser.get("/form").body();

        HttpResponse<String> accepted = this.browser.post("/comment", Map.of("text", "hi", "_csrf", token));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo("saved");
    }

    @Test
    void afterLogOutTheCookieFromBeforeIsAnonymous() {
        logIn(this.browser);
        String loggedIn = this.browser.cookie;
        String token = this.browser.get("/form").body();

        HttpResponse<String> loggedOut = this.browser.post("/logout", Map.of("_csrf", token));
        assertThat(loggedOut.statusCode()).isEqualTo(302);
        assertThat(this.browser.get("/account").statusCode()).isEqualTo(302);

        Browser replay = new Browser(port(this.app));
        replay.cookie = loggedIn;
        replay.otherCookies.putAll(this.browser.otherCookies);
        assertThat(replay.get("/account").statusCode()).isEqualTo(302);
    }

    @Test
    void aLogInOutlivesARestartAndIsSharedByASecondInstance() {
        ConfigurableApplicationContext second = SecuredTestApplication.start(storeProperties());
        Browser onSecond = new Browser(port(second));
        try {
            logIn(onSecond);
        }
        finally {
            second.close();
        }
        Browser onFirst = new Browser(port(this.app));
        onFirst.cookie = onSecond.cookie;
        assertThat(onFirst.get("/account").body()).as("another instance").isEqualTo("hello ada");

        ConfigurableApplicationContext restarted = SecuredTestApplication.start(storeProperties());
        try {
            Browser afterRestart = new Browser(port(restarted));
            afterRestart.cookie = onSecond.cookie;
            assertThat(afterRestart.get("/account").body()).as("after a restart").isEqualTo("hello ada");
        }
        finally {
            restarted.close();
        }
        assertThat(onFirst.cookiesSet).doesNotContain("JSESSIONID");
        assertThat(onSecond.cookiesSet).doesNotContain("JSESSIONID");
    }

    @Test
    void aPublicPageCostsNoStoreWorkEvenForALoggedInVisitorAndAnAuthenticatedPageOneLoad() {
        assertThat(this.browser.get("/public").body()).isEqualTo("public");
        assertThat(this.browser.cookie).isNull();
        assertThat(calls(this.app)).as("an anonymous visit").isEmpty();

        List<String> logIn = logInCounted();
        System.out.printf("[store work] %s: log-in (GET /login, POST /login) %s%n", getClass().getSimpleName(), logIn);

        assertThat(this.browser.get("/public").body()).isEqualTo("public");
        assertThat(calls(this.app)).as("a public page, logged in").isEmpty();

        assertThat(this.browser.get("/account").body()).isEqualTo("hello ada");
        assertThat(calls(this.app)).as("an authenticated GET").containsExactly("load");
    }

    private List<String> logInCounted() {
        logIn(this.browser);
        return calls(this.app);
    }

    /**
     * Logs in through the log-in page, its CSRF token included; the response to the
     * form's POST.
     */
    protected static HttpResponse<String> logIn(Browser browser) {
        HttpResponse<String> response = submitLogIn(browser);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return response;
    }

    /**
     * Submits the log-in form with the right password, its CSRF token included; the
     * response to the form's POST, whether Spring Security accepted the log-in or not.
     */
    static HttpResponse<String> submitLogIn(Browser browser) {
        HttpResponse<String> page = browser.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        assertThat(csrf.find()).as("the log-in page carries a CSRF token").isTrue();
        Map<String, String> form = new HashMap<>();
        form.put("username", SecuredTestApplication.USER);
        form.put("password", SecuredTestApplication.PASSWORD);
        form.put("_csrf", csrf.group(1));
        return browser.post("/login", form);
    }

    protected static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    protected static List<String> calls(ConfigurableApplicationContext app) {
        return app.getBean(SecuredTestApplication.StoreCalls.class).take();
    }

}
