package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The map a handler sees, across requests on an in-memory store. */
class SessionMapTests {

    record Cart(String owner, List<String> items) {
    }

    private final MemorySessionStore store = new MemorySessionStore();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));

    private final SessionCodec codec = SessionCodec.withDefaults();

    private String token;

    private SessionLifecycle request() {
        return new SessionLifecycle(this.store, this.codec, this.settings, this.clock, this.token);
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

    @Test
    void aValueWhoseJsonWouldPassForAnAttributeStoredWithItsTypeIsRefused() {
        SessionMap session = request().map();
        Map<String, Object> visitorInput = Map.of("@class", "org.example.Admin", "level", 9);

        assertThatExceptionOfType(SessionValueException.class).isThrownBy(() -> session.put("prefs", visitorInput))
            .withMessageContaining("'prefs'")
            .withMessageContaining("@class");
        assertThatExceptionOfType(SessionValueException.class)
            .isThrownBy(() -> session.merge("prefs", visitorInput, (a, b) -> b));
        assertThat(session).isEmpty();
        session.put("prefs", Map.of("level", 9, "nested", Map.of("@class", "is only reserved at the top")));
        assertThat(session).containsKey("prefs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aValueChangedInPlaceIsSavedEvenWhenReadAgainBeforeTheEnd() {
        SessionLifecycle first = request();
        first.map().put("cart", List.of("tea"));
        finish(first);

        SessionLifecycle second = request();
        ((List<Object>) second.map().get("cart", List.class)).add("milk");
        assertThat(second.map().get("cart")).isEqualTo(List.of("tea", "milk"));
        finish(second);

        SessionLifecycle third = request();
        ((List<Object>) third.map().get("cart")).add("sugar");
        third.map().save();
        assertThat(third.map()).containsEntry("cart", List.of("tea", "milk", "sugar"));
        ((List<Object>) third.map().get("cart")).add("lemon");
        assertThat(third.map().get("cart", List.class)).hasSize(4);
        finish(third);

        assertThat(request().map().get("cart")).isEqualTo(List.of("tea", "milk", "sugar", "lemon"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void typedAndPlainViewsOfOneValueSeeEachOthersChangesAndATypedViewIsKept() {
        record Cart(String owner, List<String> items) {
        }
        SessionLifecycle first = request();
        first.map().put("cart", new Cart("ann", new ArrayList<>(List.of("tea"))));
        finish(first);

        SessionLifecycle second = request();
        Cart typed = second.map().get("cart", Cart.class);
        assertThat(second.map().get("cart", Cart.class)).as("the same typed view").isSameAs(typed);
        typed.items().add("milk");
        Map<String, Object> plain = (Map<String, Object>) second.map().get("cart");
        assertThat(plain).containsEntry("items", List.of("tea", "milk"));
        ((List<Object>) plain.get("items")).add("sugar");
        Cart again = second.map().get("cart", Cart.class);
        assertThat(again).as("decoded afresh after the plain view changed").isNotSameAs(typed);
        assertThat(again.items()).containsExactly("tea", "milk", "sugar");
        assertThat(second.map().get("cart", Map.class)).as("another type: converted, not the typed view")
            .containsEntry("owner", "ann");
        finish(second);

        assertThat(request().map().get("cart", Cart.class).items()).containsExactly("tea", "milk", "sugar");
    }

    @Test
    void behavesLikeALinkedHashMap() {
        SessionMap session = request().map();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (Map<String, Object> map : List.of(session, expected)) {
            map.put("b", "two");
            map.put("a", 1);
            map.put("c", List.of(1, 2));
            map.remove("missing");
            map.remove("c");
            map.putIfAbsent("a", 5);
            map.putIfAbsent("d", true);
        }
        assertThat(session).isEqualTo(expected);
        assertThat(session.keySet()).containsExactly("b", "a", "d");
        assertThat(session.get("missing")).isNull();
        assertThat(session.containsKey("a")).isTrue();
        assertThat(session.getOrDefault("missing", "x")).isEqualTo("x");
        Iterator<Map.Entry<String, Object>> entries = session.entrySet().iterator();
        entries.next().setValue("changed");
        entries.next();
        entries.remove();
        assertThat(session).containsExactly(Map.entry("b", "changed"), Map.entry("d", true));
        session.clear();
        assertThat(session).isEmpty();
    }

    @Test
    void valuesComeBackInTheNextRequestAsJsonTypesOrAsTheRequestedType() {
        SessionLifecycle first = request();
        first.map().put("count", 3);
        first.map().put("cart", new Cart("ann", List.of("apple")));
        first.map().put("when", Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(finish(first).action()).isEqualTo(CookieUpdate.Action.SET);

        SessionMap session = request().map();
        assertThat(session.get("count")).isEqualTo(3).isInstanceOf(Integer.class);
        assertThat(session.get("count", 0)).isEqualTo(3);
        assertThat(session.get("absent", 7)).isEqualTo(7);
        assertThat(session.get("cart", Cart.class)).isEqualTo(new Cart("ann", List.of("apple")));
        assertThat(session.get("when", Instant.class)).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(session.get("absent", Cart.class)).isNull();
        assertThat(session.isNew()).isFalse();
        assertThat(request().map().get("cart")).isEqualTo(Map.of("owner", "ann", "items", List.of("apple")));
    }

    @Test
    void anUntypedReadGivesWhatTheNextRequestWillSeeEvenAfterAPutOrATypedRead() {
        Map<String, Object> asJson = Map.of("owner", "ann", "items", List.of("apple"));
        SessionLifecycle first = request();
        first.map().put("cart", new Cart("ann", List.of("apple")));
        first.map().put("when", Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(first.map().get("cart")).isEqualTo(asJson);
        assertThat(first.map().get("cart", Cart.class)).isEqualTo(new Cart("ann", List.of("apple")));
        assertThat(first.map().get("when")).isEqualTo("2026-01-01T10:00:00Z");
        finish(first);

        SessionLifecycle second = request();
        assertThat(second.map().get("cart", Cart.class)).isEqualTo(new Cart("ann", List.of("apple")));
        assertThat(second.map().get("cart")).isEqualTo(asJson);
        assertThat(second.map().get("when")).isEqualTo(request().map().get("when"));
    }

    @Test
    void aChangeInPlaceThroughEitherViewOfAKeyIsSaved() {
        SessionLifecycle first = request();
        first.map().put("items", new ArrayList<>(List.of("apple")));
        finish(first);

        SessionLifecycle second = request();
        second.map().get("items", List.class);
        @SuppressWarnings("unchecked")
        List<Object> plain = (List<Object>) second.map().get("items");
        plain.add("pear");
        finish(second);
        assertThat(request().map().get("items")).isEqualTo(List.of("apple", "pear"));

        SessionLifecycle third = request();
        third.map().get("items");
        @SuppressWarnings("unchecked")
        List<Object> typed = third.map().get("items", List.class);
        typed.add("plum");
        finish(third);
        assertThat(request().map().get("items")).isEqualTo(List.of("apple", "pear", "plum"));
    }

    @Test
    void aValueThatIsNotJsonFailsAtPutNamingKeyAndType() {
        SessionMap session = request().map();
        assertThatExceptionOfType(SessionValueException.class).isThrownBy(() -> session.put("thread", new Object()))
            .withMessageContaining("'thread'")
            .withMessageContaining("java.lang.Object");
        assertThat(session).doesNotContainKey("thread");
    }

    @Test
    void aStoredValueOfTheWrongTypeFailsNamingKeyAndType() {
        SessionLifecycle first = request();
        first.map().put("count", "many");
        finish(first);
        SessionMap session = request().map();
        assertThatExceptionOfType(SessionValueException.class).isThrownBy(() -> session.get("count", 0))
            .withMessageContaining("'count'")
            .withMessageContaining("java.lang.Integer");
    }

    @Test
    void nothingIsLoadedOrWrittenUntilTheMapIsUsed() {
        SessionLifecycle first = request();
        first.map().put("a", 1);
        finish(first);
        int loads = this.store.loads;
        int saves = this.store.saves;
        SessionLifecycle untouched = request();
        assertThat(untouched.finish(false)).isEqualTo(CookieUpdate.NONE);
        assertThat(this.store.loads).isEqualTo(loads);
        assertThat(this.store.saves).isEqualTo(saves);
    }

    @Test
    void aReadWritesNothingUntilTheTouchIntervalHasPassed() {
        SessionLifecycle first = request();
        first.map().put("a", 1);
        finish(first);
        int saves = this.store.saves;
        this.clock.advance(Duration.ofSeconds(30));
        SessionLifecycle read = request();
        assertThat(read.map().get("a")).isEqualTo(1);
        assertThat(finish(read)).isEqualTo(CookieUpdate.NONE);
        assertThat(this.store.saves).isEqualTo(saves);

        this.clock.advance(Duration.ofSeconds(31));
        SessionLifecycle later = request();
        later.map().get("a");
        CookieUpdate update = finish(later);
        assertThat(update.action()).isEqualTo(CookieUpdate.Action.SET);
        assertThat(update.maxAge()).isEqualTo(Duration.ofDays(14));
        assertThat(this.store.saves).isEqualTo(saves + 1);
        assertThat(this.store.sessions.get(this.token).expiresAt())
            .isEqualTo(this.clock.instant().plus(Duration.ofDays(14)));
    }

    @Test
    void aListChangedInPlaceIsSaved() {
        SessionLifecycle first = request();
        first.map().put("items", new ArrayList<>(List.of("a")));
        finish(first);

        SessionLifecycle second = request();
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) second.map().get("items");
        items.add("b");
        finish(second);

        assertThat(request().map().get("items")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aNewSessionThatStaysEmptyIsNotSavedAndSetsNoCookie() {
        SessionLifecycle lifecycle = request();
        assertThat(lifecycle.map().get("a")).isNull();
        assertThat(lifecycle.map().isNew()).isTrue();
        assertThat(finish(lifecycle)).isEqualTo(CookieUpdate.NONE);
        assertThat(this.store.saves).isZero();
    }

    @Test
    void anUnknownTokenIsNeverAdoptedAndItsCookieIsReplaced() {
        this.token = SessionIds.generate();
        String planted = this.token;
        SessionLifecycle lifecycle = request();
        assertThat(lifecycle.map().isNew()).isTrue();
        lifecycle.map().put("a", 1);
        CookieUpdate update = finish(lifecycle);
        assertThat(update.value()).isNotEqualTo(planted);
        assertThat(this.store.sessions).doesNotContainKey(planted);

        this.token = planted;
        SessionLifecycle reader = request();
        reader.map().get("a");
        assertThat(reader.finish(false)).isEqualTo(CookieUpdate.CLEAR);
    }

    @Test
    void anExpiredSessionIsNotServed() {
        SessionLifecycle first = request();
        first.map().put("a", 1);
        finish(first);
        this.clock.advance(Duration.ofDays(14));
        SessionMap session = request().map();
        assertThat(session.isNew()).isTrue();
        assertThat(session).isEmpty();
    }

    @Test
    void theAbsoluteTimeoutEndsEvenABusySession() {
        SessionSettings absolute = new SessionSettings(Duration.ofHours(1), Duration.ofHours(2), Duration.ofMinutes(1));
        SessionLifecycle first = new SessionLifecycle(this.store, this.codec, absolute, this.clock, null);
        first.map().put("a", 1);
        finish(first);
        for (int i = 0; i < 3; i++) {
            this.clock.advance(Duration.ofMinutes(50));
            SessionLifecycle busy = new SessionLifecycle(this.store, this.codec, absolute, this.clock, this.token);
            assertThat(busy.map().get("a")).as("after %s minutes", (i + 1) * 50).isEqualTo((i < 2) ? 1 : null);
            busy.map().put("b", i);
            CookieUpdate update = finish(busy);
            if (i == 1) {
                assertThat(update.maxAge()).isEqualTo(Duration.ofMinutes(20));
            }
        }
    }

    @Test
    void aFailedRequestKeepsNoChanges() {
        SessionLifecycle first = request();
        first.map().put("a", 1);
        finish(first);
        SessionLifecycle failing = request();
        failing.map().put("a", 2);
        assertThat(failing.finish(true)).isEqualTo(CookieUpdate.NONE);
        assertThat(request().map().get("a")).isEqualTo(1);
    }

    @Test
    void invalidateDeletesTheSessionAndClearsTheCookie() {
        SessionLifecycle first = request();
        first.map().put("member", 42);
        finish(first);
        String old = this.token;

        SessionLifecycle logout = request();
        logout.map().invalidate();
        assertThat(logout.map()).isEmpty();
        assertThat(finish(logout)).isEqualTo(CookieUpdate.CLEAR);
        assertThat(this.store.sessions).doesNotContainKey(old);
    }

    @Test
    void invalidateOnTheLifecycleItselfDeletesTheStoredSessionToo() {
        SessionLifecycle first = request();
        first.map().put("member", 42);
        finish(first);
        String old = this.token;

        SessionLifecycle logout = request();
        logout.invalidate();
        assertThat(finish(logout)).isEqualTo(CookieUpdate.CLEAR);
        assertThat(this.store.sessions).doesNotContainKey(old);
    }

    @Test
    void theLibrarysRecordsAreNotAmongTheApplicationsKeys() {
        SessionLifecycle first = request();
        first.map().put("count", 1);
        first.map().flash("Saved");
        first.map().setTestCookie();
        first.map().setExpireAtBrowserClose(true);
        finish(first);
        assertThat(this.store.sessions.get(this.token).data().propertyNames()).containsExactlyInAnyOrder("count",
                "_flash", "_testcookie", "_browser_close");

        SessionMap session = request().map();
        assertThat(session).containsExactly(Map.entry("count", 1));
        assertThat(session.size()).isEqualTo(1);
        assertThat(session.keySet()).containsExactly("count");
        assertThat(session.entrySet()).extracting(Map.Entry::getKey).containsExactly("count");
        assertThat(session.get("_flash")).isNull();
        assertThat(session.containsKey("_testcookie")).isFalse();
        assertThat(session.testCookieWorked()).isTrue();
        assertThat(session.isExpireAtBrowserClose()).isTrue();
        assertThat(session.consumeFlashes()).containsExactly("Saved");
    }

    @Test
    void keysStartingWithAnUnderscoreAreRefusedAsTheLibrarysOwn() {
        SessionMap session = request().map();
        assertThatIllegalArgumentException().isThrownBy(() -> session.put("_flash", "mine"))
            .withMessageContaining("reserved");
        assertThatIllegalArgumentException().isThrownBy(() -> session.merge("_count", 1, (a, b) -> b));
        assertThatIllegalArgumentException().isThrownBy(() -> session.compute("_x", (k, v) -> 1));
        assertThatIllegalArgumentException().isThrownBy(() -> session.computeIfAbsent("_x", (k) -> 1));
        assertThatIllegalArgumentException().isThrownBy(() -> session.putAll(Map.of("_x", 1)));
        assertThat(session).isEmpty();
    }

    @Test
    void clearRemovesTheApplicationsValuesAndKeepsTheLibrarysRecords() {
        SessionLifecycle first = request();
        first.map().put("a", 1);
        first.map().flash("kept");
        finish(first);

        SessionLifecycle second = request();
        second.map().clear();
        second.map().put("b", 2);
        finish(second);

        SessionMap third = request().map();
        assertThat(third).containsExactly(Map.entry("b", 2));
        assertThat(third.consumeFlashes()).containsExactly("kept");
    }

    /**
     * Found by fuzzing (StoredDataFuzzTests): a typed read that converts the stored value
     * made the next save write the converted value back.
     */
    @Test
    void aTypedReadThatConvertsTheValueNeverChangesWhatIsStored() {
        SessionLifecycle first = request();
        first.map().put("count", 3);
        first.map().put("cart", Map.of("owner", "ann", "items", List.of("tea"), "coupon", "SPRING"));
        finish(first);

        SessionLifecycle second = request();
        assertThat(second.map().get("count", String.class)).isEqualTo("3");
        assertThat(second.map().get("cart", Cart.class)).isEqualTo(new Cart("ann", List.of("tea")));
        assertThat(second.map().get("count")).isEqualTo(3);
        assertThat(finish(second).action()).isEqualTo(CookieUpdate.Action.NONE);

        SessionLifecycle third = request();
        assertThat(third.map()).containsEntry("count", 3)
            .containsEntry("cart", Map.of("owner", "ann", "items", List.of("tea"), "coupon", "SPRING"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aValueReadTypedAndChangedInPlaceIsStillSaved() {
        SessionLifecycle first = request();
        first.map().put("cart", Map.of("owner", "ann", "items", List.of("tea")));
        finish(first);

        SessionLifecycle second = request();
        second.map().get("cart", Cart.class);
        ((Map<String, Object>) second.map().get("cart", Map.class)).put("owner", "bob");
        finish(second);

        assertThat(request().map().get("cart", Cart.class)).isEqualTo(new Cart("bob", List.of("tea")));
    }

    @Test
    void aSessionHoldingOnlyARecordIsSaved() {
        SessionLifecycle first = request();
        first.map().flash("Welcome");
        assertThat(finish(first).action()).isEqualTo(CookieUpdate.Action.SET);

        SessionMap next = request().map();
        assertThat(next).isEmpty();
        assertThat(next.isNew()).isFalse();
        assertThat(next.consumeFlashes()).containsExactly("Welcome");
    }

    @Test
    void dataPutAfterInvalidateStartsAFreshSession() {
        SessionLifecycle first = request();
        first.map().put("member", 42);
        finish(first);
        String old = this.token;

        SessionLifecycle lifecycle = request();
        lifecycle.map().invalidate();
        lifecycle.map().put("flash", "bye");
        CookieUpdate update = finish(lifecycle);
        assertThat(update.value()).isNotEqualTo(old);
        assertThat(this.store.sessions).doesNotContainKey(old);
        assertThat(request().map()).containsExactly(Map.entry("flash", "bye"));
    }

    @Test
    void rotateIdKeepsTheDataUnderANewId() {
        SessionLifecycle first = request();
        first.map().put("cart", List.of("apple"));
        finish(first);
        String old = this.token;

        SessionLifecycle login = request();
        login.map().rotateId();
        login.map().put("member", 7);
        finish(login);
        assertThat(this.token).isNotEqualTo(old);
        assertThat(this.store.sessions).doesNotContainKey(old);
        assertThat(request().map()).containsEntry("cart", List.of("apple")).containsEntry("member", 7);
    }

}
