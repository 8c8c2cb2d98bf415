package dev.sessionmap.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.MutableClock;
import dev.sessionmap.core.RejectedToken;
import dev.sessionmap.core.SessionClient;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionCreatedEvent;
import dev.sessionmap.core.SessionEvent;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.SessionIdChangedEvent;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionInvalidatedEvent;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionListener;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.core.UserSession;
import dev.sessionmap.core.UserSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's sessions across visitors (browsers), as a "your sessions" page and "log out
 * everywhere" use them, on a store that lists them, with the events each step publishes.
 */
class InMemoryUserSessionsTests {

    private final InMemorySessionStore store = new InMemorySessionStore(SessionCodec.withDefaults());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private final SessionSettings settings = new SessionSettings(Duration.ofMinutes(30), null, Duration.ofMinutes(1));

    private final List<SessionEvent> events = new ArrayList<>();

    private final List<RejectedToken> rejected = new ArrayList<>();

    private final List<Integer> conflicts = new ArrayList<>();

    private final SessionHooks hooks = new SessionHooks(new SessionListener() {

        @Override
        public void onEvent(SessionEvent event) {
            InMemoryUserSessionsTests.this.events.add(event);
        }

        @Override
        public void onRejected(RejectedToken reason) {
            InMemoryUserSessionsTests.this.rejected.add(reason);
        }

        @Override
        public void onWriteConflict(int reapplied) {
            InMemoryUserSessionsTests.this.conflicts.add(reapplied);
        }

    }, null);

    private @Nullable SessionLifecycle current;

    private final UserSessions userSessions = new UserSessions(this.store, this.clock, this.hooks, () -> this.current);

    @Test
    void logInNamesTheUserRecordsTheBrowserAndGivesTheSessionANewId() {
        Browser laptop = new Browser("Firefox on a laptop");
        laptop.request((session) -> session.put("cart", List.of("tea")));
        String anonymousId = laptop.token;

        laptop.request((session) -> session.setPrincipalName("alice"));

        assertThat(laptop.token).isNotEqualTo(anonymousId);
        laptop.request((session) -> {
            assertThat(session.getPrincipalName()).isEqualTo("alice");
            assertThat(session).containsOnlyKeys("cart");
        });
        assertThat(this.events).containsExactly(
                new SessionCreatedEvent(SessionIds.hash(anonymousId), null, this.clock.instant()),
                new SessionIdChangedEvent(SessionIds.hash(laptop.token), SessionIds.hash(anonymousId), "alice",
                        this.clock.instant()));
    }

    @Test
    void listsTheUsersLiveSessionsOnlyMarkingTheCurrentOne() {
        Browser laptop = loggedIn("alice", "Firefox on a laptop");
        this.clock.advance(Duration.ofMinutes(5));
        Browser phone = loggedIn("alice", "Safari on a phone");
        Browser other = loggedIn("bob", "Chrome");
        Browser forgotten = loggedIn("alice", "Old tablet");
        this.clock.advance(Duration.ofMinutes(20));
        laptop.request((session) -> session.put("seen", true));
        this.clock.advance(Duration.ofMinutes(1));
        phone.request((session) -> session.put("seen", true));
        this.clock.advance(Duration.ofMinutes(15));

        List<UserSession> sessions = laptop.ask((session) -> this.userSessions.list("alice"));

        assertThat(sessions).extracting(UserSession::userAgent)
            .containsExactly("Safari on a phone", "Firefox on a laptop");
        assertThat(sessions).extracting(UserSession::current).containsExactly(false, true);
        assertThat(sessions.get(1).id()).isEqualTo(SessionIds.hash(laptop.token));
        assertThat(sessions.get(0).createdAt()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
        assertThat(sessions.get(0).lastAccessedAt()).isEqualTo(Instant.parse("2026-01-01T00:26:00Z"));
        assertThat(sessions.get(0).expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:56:00Z"));
        List<UserSession> seenByBob = other.ask((session) -> this.userSessions.list("alice"));
        assertThat(seenByBob).extracting(UserSession::current).containsOnly(false);
        assertThat(forgotten.token).isNotNull();
    }

    @Test
    void revokingOneSessionEndsItAtItsNextRequestButOnlyForItsOwnUser() {
        Browser laptop = loggedIn("alice", "laptop");
        Browser phone = loggedIn("alice", "phone");
        Browser mallory = loggedIn("mallory", "attacker");
        String phoneId = SessionIds.hash(phone.token);
        this.events.clear();

        boolean byMallory = mallory.ask((session) -> this.userSessions.revoke("mallory", phoneId));
        assertThat(byMallory).isFalse();
        assertThat(phone.ask(SessionMap::getPrincipalName)).isEqualTo("alice");

        boolean byAlice = laptop.ask((session) -> this.userSessions.revoke("alice", phoneId));
        assertThat(byAlice).isTrue();

        assertThat(phone.ask(SessionMap::getPrincipalName)).isNull();
        assertThat(laptop.ask(SessionMap::getPrincipalName)).isEqualTo("alice");
        assertThat(this.events).containsExactly(new SessionInvalidatedEvent(phoneId, "alice", this.clock.instant()));
        assertThat(this.rejected).containsExactly(RejectedToken.UNKNOWN_ID);
    }

    @Test
    void loggingOutEverywhereElseKeepsOnlyTheCurrentSession() {
        Browser laptop = loggedIn("alice", "laptop");
        Browser phone = loggedIn("alice", "phone");
        Browser tablet = loggedIn("alice", "tablet");
        Browser bob = loggedIn("bob", "bob's");

        OptionalInt revoked = laptop.ask((session) -> this.userSessions.revokeOthers("alice"));

        assertThat(revoked).hasValue(2);
        assertThat(phone.ask(SessionMap::getPrincipalName)).isNull();
        assertThat(tablet.ask(SessionMap::getPrincipalName)).isNull();
        assertThat(laptop.ask(SessionMap::getPrincipalName)).isEqualTo("alice");
        assertThat(bob.ask(SessionMap::getPrincipalName)).isEqualTo("bob");
    }

    @Test
    void loggingOutEverywhereEndsTheCurrentSessionTooAndClearsItsCookie() {
        Browser laptop = loggedIn("alice", "laptop");
        Browser phone = loggedIn("alice", "phone");
        String laptopId = SessionIds.hash(laptop.token);
        this.events.clear();

        OptionalInt revoked = laptop.ask((session) -> this.userSessions.revokeAll("alice"));
        assertThat(revoked).hasValue(2);

        assertThat(laptop.token).isNull();
        assertThat(phone.ask(SessionMap::getPrincipalName)).isNull();
        assertThat(this.store.findByPrincipal("alice", this.clock.instant())).isEmpty();
        assertThat(this.events).hasSize(2)
            .contains(new SessionInvalidatedEvent(laptopId, "alice", this.clock.instant()));
    }

    @Test
    void logOutPublishesInvalidatedAndAFailedWriteNothing() {
        Browser laptop = loggedIn("alice", "laptop");
        String id = SessionIds.hash(laptop.token);
        this.events.clear();

        SessionLifecycle failed = laptop.lifecycle();
        failed.map().invalidate();
        failed.finish(true);
        assertThat(this.events).isEmpty();

        laptop.request(SessionMap::invalidate);
        assertThat(this.events).containsExactly(new SessionInvalidatedEvent(id, "alice", this.clock.instant()));
    }

    @Test
    void rejectedTokensAreReportedWithTheirReason() {
        Browser laptop = loggedIn("alice", "laptop");
        String live = laptop.token;
        laptop.token = "not a token";
        laptop.ask(SessionMap::isEmpty);
        laptop.token = SessionIds.generate();
        laptop.ask(SessionMap::isEmpty);
        laptop.token = live;
        this.clock.advance(Duration.ofMinutes(31));
        laptop.ask(SessionMap::isEmpty);

        assertThat(this.rejected).containsExactly(RejectedToken.MALFORMED, RejectedToken.UNKNOWN_ID,
                RejectedToken.EXPIRED);
    }

    @Test
    void aWriteThatMetAConcurrentOneIsCountedAsAConflict() {
        Browser laptop = loggedIn("alice", "laptop");
        SessionLifecycle first = laptop.lifecycle();
        SessionLifecycle second = laptop.lifecycle();
        first.map().put("a", 1);
        second.map().put("b", 2);
        first.finish(false);
        assertThat(this.conflicts).isEmpty();

        second.finish(false);

        assertThat(this.conflicts).containsExactly(1);
        Map<String, Object> both = laptop.ask((session) -> Map.copyOf(session));
        assertThat(both).containsOnly(Map.entry("a", 1), Map.entry("b", 2));
    }

    @Test
    void namingNoUserAgainLeavesTheSessionAnonymousWithoutRecords() {
        Browser laptop = loggedIn("alice", "laptop");

        laptop.request((session) -> session.setPrincipalName(null));

        assertThat(this.store.findByPrincipal("alice", this.clock.instant())).isEmpty();
        SessionLifecycle next = laptop.lifecycle();
        assertThat(next.records().contains(SessionRecords.USER_AGENT)).isFalse();
        assertThat(next.map().getPrincipalName()).isNull();
    }

    @Test
    void aStoreThatCannotListSaysSoAndWithoutEpochsCannotRevoke() {
        UserSessions onCookies = new UserSessions(new KeepsNothing(), this.clock, SessionHooks.NONE, () -> null);

        assertThat(onCookies.canList()).isFalse();
        assertThat(onCookies.canRevoke()).isFalse();
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> onCookies.list("alice"))
            .withMessageContaining("cannot list");
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> onCookies.revokeAll("alice"))
            .withMessageContaining("cannot be revoked");
    }

    /** A store that cannot list anyone's sessions, as the secure cookie cannot. */
    private static final class KeepsNothing implements SessionStore {

        @Override
        public @Nullable StoredSession load(String token) {
            return null;
        }

        @Override
        public @Nullable String save(SessionWrite write) {
            return null;
        }

        @Override
        public void delete(StoredSession session) {
        }

    }

    private Browser loggedIn(String user, String userAgent) {
        Browser browser = new Browser(userAgent);
        browser.request((session) -> session.setPrincipalName(user));
        return browser;
    }

    /** One visitor's cookie jar, making requests one after another. */
    private final class Browser {

        private final SessionClient client;

        private @Nullable String token;

        Browser(String userAgent) {
            this.client = new SessionClient(userAgent, null);
        }

        SessionLifecycle lifecycle() {
            String token = this.token;
            return new SessionLifecycle(InMemoryUserSessionsTests.this.store, SessionCodec.withDefaults(),
                    InMemoryUserSessionsTests.this.settings, InMemoryUserSessionsTests.this.clock,
                    () -> (token != null) ? List.of(token) : List.of(), List::of, this.client,
                    InMemoryUserSessionsTests.this.hooks);
        }

        <T> T ask(Function<SessionMap, T> handler) {
            SessionLifecycle lifecycle = lifecycle();
            InMemoryUserSessionsTests.this.current = lifecycle;
            try {
                T result = handler.apply(lifecycle.map());
                CookieUpdate update = lifecycle.finish(false);
                if (update.action() == CookieUpdate.Action.SET) {
                    this.token = update.value();
                }
                else if (update.action() == CookieUpdate.Action.CLEAR) {
                    this.token = null;
                }
                return result;
            }
            finally {
                InMemoryUserSessionsTests.this.current = null;
            }
        }

        void request(Consumer<SessionMap> handler) {
            ask((session) -> {
                handler.accept(session);
                return null;
            });
        }

    }

}
