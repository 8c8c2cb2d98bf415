package dev.sessionmap.web;

import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionTooLargeException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.memory.InMemorySessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One failure policy wherever a session failure surfaces, over real HTTP: in the handler,
 * while a view renders, when a redirect or a direct write commits the response. The store
 * unavailable is 503, too large is 500, with one error line naming the request, and no
 * cookie.
 */
@SpringBootTest(classes = { LifecycleTestApplication.class, SessionFailureHttpTests.FailingStore.class },
        webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SessionFailureHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    FailingStore.Store store;

    @AfterEach
    void storeWorksAgain() {
        this.store.failure = null;
    }

    @ParameterizedTest
    @ValueSource(strings = { "/counter", "/entity", "/view", "/redirect", "/direct", "/println", "/large" })
    void aStoreFailureWhenTheSessionIsSavedIs503WhereverTheResponseCommits(String path, CapturedOutput output) {
        Browser browser = new Browser(this.port);
        browser.get("/counter");
        this.store.failure = new SessionStoreException("the store is down");
        HttpResponse<String> response = browser.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(503);
        assertThat(browser.sessionCookie(response)).isEmpty();
        assertThat(output).contains("Session store unavailable for GET " + path + ", answering 503: the store is down");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/counter", "/view", "/redirect" })
    void aSessionTooLargeIs500WhereverTheResponseCommits(String path, CapturedOutput output) {
        Browser browser = new Browser(this.port);
        browser.get("/counter");
        this.store.failure = new SessionTooLargeException("the session", 5000, 4096, "keep less in it");
        HttpResponse<String> response = browser.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(500);
        assertThat(browser.sessionCookie(response)).isEmpty();
        assertThat(output).contains("Session too large to save for GET " + path + ", answering 500");
    }

    @Test
    void aStoreFailureWhenTheSessionLoadsIs503() {
        Browser browser = new Browser(this.port);
        browser.get("/counter");
        this.store.failure = new SessionStoreException("the store is down");
        this.store.failOnLoad = true;
        try {
            assertThat(browser.get("/read").statusCode()).isEqualTo(503);
            assertThat(browser.get("/noop").statusCode()).as("a request that never uses the session").isEqualTo(200);
        }
        finally {
            this.store.failOnLoad = false;
        }
    }

    /** The application's own store: the in-memory one, failing on demand. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FailingStore {

        @Bean
        Store sessionStore(SessionCodec codec) {
            return new Store(codec);
        }

        static final class Store extends InMemorySessionStore {

            volatile @Nullable RuntimeException failure;

            volatile boolean failOnLoad;

            Store(SessionCodec codec) {
                super(codec);
            }

            @Override
            public @Nullable StoredSession load(String token) {
                RuntimeException failure = this.failure;
                if (this.failOnLoad && failure != null) {
                    throw failure;
                }
                return super.load(token);
            }

            @Override
            public @Nullable String save(SessionWrite write) {
                RuntimeException failure = this.failure;
                if (failure != null) {
                    throw failure;
                }
                return super.save(write);
            }

        }

    }

}
