package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The classic session API (timeouts, explicit save, flash, test cookie, binding, periodic
 * rotation) across requests on an in-memory store.
 */
class ClassicSessionApiTests {

    private static final SessionClient FIREFOX = new SessionClient("Firefox", "203.0.113.7");

    private final MemorySessionStore store = new MemorySessionStore();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private final SessionCodec codec = SessionCodec.withDefaults();

    private SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));

    private @Nullable String token;

    private SessionLifecycle request() {
        return request(this.token, FIREFOX);
    }

    private SessionLifecycle request(@Nullable String token, SessionClient client) {
        return new SessionLifecycle(this.store, this.codec, this.settings, this.clock,
                () -> (token != null) ? List.of(token) : List.of(), List::of, client, SessionHooks.NONE);
    }

    private CookieUpdate finish(SessionLifecycle lifecycle) {
        CookieUpdate update = lifecycle.finish(false);
        if (update.action() == CookieUpdate.Action.SET) {
            this.token = update.value();
        }
        else if (update.action() == CookieUpdate.Action.CLEAR) {
            this.token = null;
        }
        return update;
    }

    private void create(Map<String, Object> values) {
        SessionLifecycle first = request();
        first.map().putAll(values);
        finish(first);
    }

    @Test
    void aSessionsOwnTimeoutIsKeptAndGovernsItsExpiryAndCookie() {
        SessionLifecycle first = request();
        first.map().put("member", 1);
        first.map().setTimeout(Duration.ofDays(30));
        assertThat(finish(first).maxAge()).isEqualTo(Duration.ofDays(30));

        this.clock.advance(Duration.ofDays(20));
        SessionLifecycle later = request();
        assertThat(later.map().getTimeout()).isEqualTo(Duration.ofDays(30));
        assertThat(later.map().get("member")).isEqualTo(1);
        finish(later);

        this.clock.advance(Duration.ofDays(31));
        assertThat(request().map().isNew()).isTrue();
    }

    @Test
    void aShorterOwnTimeoutEndsTheSessionEarlierAndNullReturnsToTheDefault() {
        SessionLifecycle first = request();
        first.map().put("a", 1);
        first.map().setTimeout(Duration.ofMinutes(5));
        finish(first);
        this.clock.advance(Duration.ofMinutes(4));
        SessionLifecycle reset = request();
        reset.map().setTimeout(null);
        assertThat(reset.map().getTimeout()).isEqualTo(Duration.ofDays(14));
        finish(reset);
        this.clock.advance(Duration.ofDays(1));
        assertThat(request().map().get("a")).isEqualTo(1);
        this.clock.advance(Duration.ofDays(14));
        assertThat(request().map().get("a")).isNull();
        assertThatIllegalArgumentException().isThrownBy(() -> request().map().setTimeout(Duration.ZERO));
    }

    @Test
    void theAbsoluteTimeoutStillAppliesToASessionWithItsOwnTimeout() {
        this.settings = new SessionSettings(Duration.ofHours(1), Duration.ofHours(2), Duration.ofMinutes(1));
        SessionLifecycle first = request();
        first.map().put("a", 1);
        first.map().setTimeout(Duration.ofDays(30));
        assertThat(finish(first).maxAge()).isEqualTo(Duration.ofHours(2));
        this.clock.advance(Duration.ofHours(2));
        assertThat(request().map().isNew()).isTrue();
    }

    @Test
    void saveWritesAtOnceAndLaterChangesAreSavedAtTheEnd() {
        create(Map.of("count", 1));
        SessionLifecycle lifecycle = request();
        lifecycle.map().put("count", 2);
        lifecycle.map().save();
        assertThat(this.codec.decode(this.store.sessions.get(this.token).data())).isEqualTo(Map.of("count", 2));

        lifecycle.map().put("count", 3);
        finish(lifecycle);
        assertThat(request().map().get("count")).isEqualTo(3);
    }

    @Test
    void aNewSessionSavedExplicitlyGetsItsCookieAtTheEndWithoutASecondWrite() {
        SessionLifecycle lifecycle = request(null, FIREFOX);
        lifecycle.map().put("a", 1);
        lifecycle.map().save();
        assertThat(this.store.sessions).hasSize(1);
        int saves = this.store.saves;
        CookieUpdate update = finish(lifecycle);
        assertThat(update.action()).isEqualTo(CookieUpdate.Action.SET);
        assertThat(this.store.saves).isEqualTo(saves);
        assertThat(request().map().get("a")).isEqualTo(1);
    }

    @Test
    void saveWithNothingChangedWritesNothingAndSaveAfterTheEndFails() {
        create(Map.of("a", 1));
        SessionLifecycle lifecycle = request();
        int saves = this.store.saves;
        lifecycle.map().save();
        assertThat(this.store.saves).isEqualTo(saves);
        finish(lifecycle);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> lifecycle.map().save())
            .withMessageContaining("committed");
    }

    @Test
    void aFailedRequestKeepsWhatItSavedExplicitly() {
        SessionLifecycle lifecycle = request(null, FIREFOX);
        lifecycle.map().put("a", 1);
        lifecycle.map().save();
        lifecycle.map().put("b", 2);
        CookieUpdate update = lifecycle.finish(true);
        assertThat(update.action()).isEqualTo(CookieUpdate.Action.SET);
        this.token = update.value();
        assertThat(request().map()).containsEntry("a", 1).doesNotContainKey("b");
    }

    @Test
    void flashMessagesAreConsumedOnceInOrder() {
        SessionLifecycle first = request();
        first.map().flash("Saved");
        first.map().flash("Welcome back");
        finish(first);

        SessionLifecycle next = request();
        assertThat(next.map().consumeFlashes()).containsExactly("Saved", "Welcome back");
        finish(next);
        SessionLifecycle after = request();
        assertThat(after.map().consumeFlashes()).isEmpty();
        int saves = this.store.saves;
        finish(after);
        assertThat(this.store.saves).as("consuming no messages writes nothing").isEqualTo(saves);
    }

    @Test
    void theTestCookieWorksOnlyWhenTheBrowserBringsTheSessionBack() {
        SessionLifecycle first = request();
        first.map().setTestCookie();
        assertThat(first.map().testCookieWorked()).isTrue();
        finish(first);

        assertThat(request(null, FIREFOX).map().testCookieWorked()).as("a browser without cookies").isFalse();

        SessionLifecycle second = request();
        assertThat(second.map().testCookieWorked()).isTrue();
        second.map().deleteTestCookie();
        finish(second);
        assertThat(request().map().testCookieWorked()).isFalse();
    }

    @Test
    void aBoundSessionIsNotServedToAnotherUserAgentOrAddress() {
        this.settings = this.settings.withBinding(true, true);
        create(Map.of("member", 7));
        String id = this.token;
        assertThat(request(id, FIREFOX).map().get("member")).isEqualTo(7);
        assertThat(request(id, new SessionClient("curl", "203.0.113.7")).map().isNew()).isTrue();
        assertThat(request(id, new SessionClient("Firefox", "198.51.100.1")).map().isNew()).isTrue();
        assertThat(request(id, new SessionClient(null, "203.0.113.7")).map().isNew()).isTrue();

        SessionLifecycle stranger = request(id, new SessionClient("curl", "203.0.113.7"));
        stranger.map().get("member");
        assertThat(stranger.finish(false)).as("the stranger's copy of the cookie is cleared")
            .isEqualTo(CookieUpdate.CLEAR);
        assertThat(request(id, FIREFOX).map().get("member")).as("the owner keeps the session").isEqualTo(7);
    }

    @Test
    void bindingStoresHashesNotTheClientAndBindsOlderSessionsOnTheirNextUse() {
        create(Map.of("member", 7));
        this.settings = this.settings.withBinding(true, true);
        SessionLifecycle next = request();
        next.map().get("member");
        finish(next);
        StoredSession stored = this.store.sessions.get(this.token);
        assertThat(stored.data().properties()).extracting(Map.Entry::getKey).contains("_ua", "_ip");
        assertThat(this.codec.write(stored.data())).doesNotContain("Firefox", "203.0.113.7");
        assertThat(request(this.token, new SessionClient("curl", "203.0.113.7")).map().isNew()).isTrue();
    }

    @Test
    void bindingValuesAreKeyedByTheSessionIdSoALeakedTableCannotBeSearchedForAnAddress() {
        this.settings = this.settings.withBinding(true, true);
        create(Map.of("member", 7));
        String first = this.token;
        this.token = null;
        create(Map.of("member", 8));
        String second = this.token;
        String unkeyed = SessionIds.hash("203.0.113.7").substring(0, 32);
        String firstAddress = this.store.sessions.get(first).data().get("_ip").asString();
        assertThat(firstAddress).isNotEqualTo(unkeyed).hasSize(22);
        assertThat(this.store.sessions.get(second).data().get("_ip").asString())
            .as("same client, other session: another value")
            .isNotEqualTo(firstAddress);

        SessionLifecycle login = request(first, FIREFOX);
        login.map().rotateId();
        finish(login);
        assertThat(this.token).isNotEqualTo(first);
        assertThat(this.store.sessions.get(this.token).data().get("_ip").asString())
            .as("recorded again under the new id")
            .isNotEqualTo(firstAddress);
        assertThat(request().map().get("member")).isEqualTo(7);
        assertThat(request(this.token, new SessionClient("Firefox", "198.51.100.1")).map().isNew()).isTrue();
    }

    @Test
    void aSessionBoundByVersion010WithUnkeyedHashesIsStillServedAndRekeyedOnItsNextWrite() {
        this.settings = this.settings.withBinding(true, true);
        String id = SessionIds.generate();
        ObjectNode data = this.codec.newData();
        data.put("member", 7);
        data.put("_ua", SessionIds.hash("Firefox").substring(0, 32));
        data.put("_ip", SessionIds.hash("203.0.113.7").substring(0, 32));
        Instant now = this.clock.instant();
        this.store.sessions.put(id, new StoredSession(id, data, now, now, now.plus(Duration.ofDays(14)), null, 0));

        assertThat(request(id, new SessionClient("curl", "203.0.113.7")).map().isNew()).isTrue();
        this.token = id;
        SessionLifecycle owner = request();
        owner.map().put("seen", true);
        finish(owner);
        assertThat(this.store.sessions.get(id).data().get("_ip").asString()).hasSize(22);
        assertThat(request().map().get("member")).isEqualTo(7);
        assertThat(request(id, new SessionClient("Firefox", "198.51.100.1")).map().isNew()).isTrue();
    }

    @Test
    void bindingIsOffByDefault() {
        create(Map.of("member", 7));
        assertThat(request(this.token, new SessionClient("curl", "198.51.100.1")).map().get("member")).isEqualTo(7);
    }

    @Test
    void saveEveryRequestWritesAndResendsTheCookieOnEveryUse() {
        this.settings = this.settings.withSaveEveryRequest(true);
        create(Map.of("a", 1));
        int saves = this.store.saves;
        this.clock.advance(Duration.ofSeconds(1));
        SessionLifecycle read = request();
        read.map().get("a");
        CookieUpdate update = finish(read);
        assertThat(update.action()).isEqualTo(CookieUpdate.Action.SET);
        assertThat(update.maxAge()).isEqualTo(Duration.ofDays(14));
        assertThat(this.store.saves).isEqualTo(saves + 1);
        assertThat(request(null, FIREFOX).finish(false)).as("an untouched session is still not written")
            .isEqualTo(CookieUpdate.NONE);
    }

    @Test
    void periodicRotationChangesTheIdAndTheOldOneLeadsToTheSessionForTheGracePeriod() {
        this.settings = this.settings.withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30));
        create(Map.of("cart", List.of("apple")));
        String first = this.token;

        this.clock.advance(Duration.ofMinutes(59));
        finish(readCart());
        assertThat(this.token).as("not due yet").isEqualTo(first);

        this.clock.advance(Duration.ofMinutes(1));
        finish(readCart());
        String second = this.token;
        assertThat(second).isNotEqualTo(first);

        this.clock.advance(Duration.ofSeconds(29));
        SessionLifecycle late = request(first, FIREFOX);
        assertThat(late.map().get("cart")).isEqualTo(List.of("apple"));
        late.map().put("late", true);
        CookieUpdate update = late.finish(false);
        assertThat(update.value()).as("a late request is handed the new id").isEqualTo(second);
        assertThat(request(second, FIREFOX).map()).containsEntry("late", true);

        this.clock.advance(Duration.ofSeconds(1));
        assertThat(request(first, FIREFOX).map().isNew()).as("after the grace period").isTrue();
        assertThat(request(second, FIREFOX).map().get("cart")).isEqualTo(List.of("apple"));

        this.clock.advance(Duration.ofMinutes(59));
        this.token = second;
        finish(readCart());
        assertThat(this.token).as("the new id is kept for a full period").isEqualTo(second);
        this.clock.advance(Duration.ofMinutes(1));
        finish(readCart());
        assertThat(this.token).isNotIn(first, second);
    }

    @Test
    void parallelRotationsOfABoundSessionKeepItServedToItsClient() {
        this.settings = this.settings.withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30))
            .withBinding(true, true);
        create(Map.of("a", 1));
        String old = this.token;
        this.clock.advance(Duration.ofHours(1));
        SessionLifecycle one = request(old, FIREFOX);
        SessionLifecycle two = request(old, FIREFOX);
        one.map().put("one", 1);
        two.map().put("two", 2);
        String moved = one.finish(false).value();
        assertThat(two.finish(false).value()).as("the second joins the first's rotation").isEqualTo(moved);
        assertThat(request(moved, FIREFOX).map()).containsEntry("one", 1).containsEntry("two", 2);
    }

    @Test
    void parallelRequestsThatAllFindTheRotationDueEndWithTheSameIdAndAllTheirChanges() {
        this.settings = this.settings.withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30));
        create(Map.of("a", 1));
        String old = this.token;
        this.clock.advance(Duration.ofHours(1));
        SessionLifecycle one = request(old, FIREFOX);
        SessionLifecycle two = request(old, FIREFOX);
        one.map().put("one", 1);
        two.map().put("two", 2);
        CookieUpdate first = one.finish(false);
        CookieUpdate second = two.finish(false);
        assertThat(first.value()).isNotEqualTo(old);
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(request(first.value(), FIREFOX).map()).containsEntry("a", 1)
            .containsEntry("one", 1)
            .containsEntry("two", 2);
    }

    @Test
    void rotationAtLogInLeavesNoWayBackToTheOldId() {
        this.settings = this.settings.withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30));
        create(Map.of("a", 1));
        String old = this.token;
        SessionLifecycle login = request();
        login.map().rotateId();
        finish(login);
        assertThat(this.token).isNotEqualTo(old);
        assertThat(request(old, FIREFOX).map().isNew()).isTrue();
    }

    @Test
    void aZeroGracePeriodRotatesWithoutForwarding() {
        this.settings = this.settings.withIdRotation(Duration.ofHours(1), Duration.ZERO);
        create(Map.of("a", 1));
        String old = this.token;
        this.clock.advance(Duration.ofHours(1));
        finish(readCart());
        assertThat(this.token).isNotEqualTo(old);
        assertThat(request(old, FIREFOX).map().isNew()).isTrue();
        assertThat(request().map().get("a")).isEqualTo(1);
    }

    @Test
    void theForwardingEntryDoesNotRevealTheNewId() {
        this.settings = this.settings.withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30));
        create(Map.of("a", 1));
        String old = this.token;
        this.clock.advance(Duration.ofHours(1));
        finish(readCart());
        String forward = this.codec.write(this.store.sessions.get(old).data());
        assertThat(forward).contains("_moved").doesNotContain(this.token);
    }

    private SessionLifecycle readCart() {
        SessionLifecycle lifecycle = request();
        lifecycle.map().get("cart");
        return lifecycle;
    }

}
