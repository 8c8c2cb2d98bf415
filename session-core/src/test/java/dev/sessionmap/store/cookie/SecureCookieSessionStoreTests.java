package dev.sessionmap.store.cookie;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.EndMarker;
import dev.sessionmap.core.MutableClock;
import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionClient;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.RejectedToken;
import dev.sessionmap.core.SessionListener;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionTooLargeException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The secure-cookie store on its own and under the request lifecycle, with a clock moved
 * by hand.
 */
class SecureCookieSessionStoreTests {

    /**
     * What
     * {@code Set-Cookie: sessionid=...; Path=/; Max-Age=...; Expires=...; Secure; HttpOnly; SameSite=Lax}
     * adds.
     */
    private static final int OVERHEAD = 120;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));

    private final String secret = TestSecrets.random();

    private SecureCookieSessionStore store = store(this.secret, List.of(), this.settings);

    private @Nullable String token;

    private SecureCookieSessionStore store(String current, List<String> previous, SessionSettings settings) {
        SecureCookieCodec sealer = new SecureCookieCodec(SecureCookieKeys.of(current, previous), "sessionid");
        return new SecureCookieSessionStore(sealer, this.codec, OVERHEAD);
    }

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

    private String saveSession(Map<String, Object> values) {
        SessionLifecycle lifecycle = request();
        lifecycle.map().putAll(values);
        finish(lifecycle);
        return this.token;
    }

    private SessionWrite write(ObjectNode data, Instant created, Instant now, @Nullable Duration timeout) {
        Instant expires = this.settings.expiry(created, now, timeout);
        return SessionWrite.create(SessionIds.generate(), data, now, expires)
            .withCreatedAt(created)
            .withTimeout(timeout);
    }

    @Test
    void theTokenCarriesTheWholeSession() {
        ObjectNode data = this.codec.newData().put("count", 3);
        data.putArray("cart").add("apple");
        Instant created = this.clock.instant().minus(Duration.ofHours(1));
        SessionWrite write = write(data, created, this.clock.instant(), Duration.ofMinutes(30));
        String token = this.store.save(write);

        StoredSession loaded = this.store.load(token);
        assertThat(loaded).isNotNull();
        assertThat(loaded.id()).isEqualTo(write.id());
        assertThat(loaded.data()).isEqualTo(data);
        assertThat(loaded.createdAt()).isEqualTo(created);
        assertThat(loaded.lastAccessedAt()).isEqualTo(this.clock.instant());
        assertThat(loaded.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(loaded.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(loaded.resave()).isFalse();
        assertThat(token).hasSizeLessThanOrEqualTo(this.store.maxTokenLength());
    }

    /**
     * A key cut in the middle of an emoji holds an unpaired surrogate, which Jackson
     * writes as an escape its parser of bytes refuses: the session was sealed, and its
     * cookie never opened again.
     */
    @Test
    void keysCutInTheMiddleOfAnEmojiDoNotLoseTheSession() {
        String emoji = "\uD83D\uDE00";
        Map<String, Object> values = Map.of(emoji.substring(0, 1), 1, "tags",
                Map.of(emoji.substring(1) + "x", "low", "x" + emoji.substring(0, 1), "high"));
        saveSession(values);

        SessionLifecycle next = request();
        assertThat(Map.copyOf(next.map())).isEqualTo(values);
    }

    /**
     * Found by fuzzing (StoredDataFuzzTests): a session stored with a timeout of 600
     * million years made the expiry overflow, and the request fail.
     */
    @Test
    void aSessionWithAnAbsurdTimeoutStillServesTheRequest() {
        Instant now = this.clock.instant();
        String payload = "{\"i\":\"" + SessionIds.generate() + "\",\"c\":" + now.toEpochMilli() + ",\"a\":"
                + now.toEpochMilli() + ",\"e\":" + now.plusSeconds(600).toEpochMilli()
                + ",\"t\":18923685477580700,\"d\":{\"n\":1}}";
        this.token = new SecureCookieCodec(SecureCookieKeys.of(this.secret, List.of()), "sessionid")
            .seal(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SessionLifecycle request = request();
        assertThat(request.map()).containsEntry("n", 1);
        request.map().put("n", 2);
        assertThat(finish(request).action()).isEqualTo(CookieUpdate.Action.SET);

        assertThat(request().map()).containsEntry("n", 2);
    }

    @Test
    void aCookieSealedBy010LoadsWithTheLibrarysRecordsApartFromTheApplicationsValues() throws Exception {
        byte[] payload = getClass().getResourceAsStream("payload-0.1.0.json").readAllBytes();
        this.token = new SecureCookieCodec(SecureCookieKeys.of(this.secret, List.of()), "sessionid").seal(payload);
        SessionLifecycle request = request();
        SessionMap session = request.map();

        assertThat(session).hasSize(2).containsOnlyKeys("count", "cart").containsEntry("count", 3);
        assertThat(session.keySet()).containsExactly("count", "cart");
        assertThat(session.testCookieWorked()).isTrue();
        assertThat(session.isExpireAtBrowserClose()).isTrue();
        assertThat(session.consumeFlashes()).containsExactly("Saved");
        session.put("count", 4);
        finish(request);

        ObjectNode resealed = this.codec
            .parse(new SecureCookieCodec(SecureCookieKeys.of(this.secret, List.of()), "sessionid").open(this.token)
                .plaintext());
        assertThat(resealed.get("d").propertyNames()).as("records kept beside the values, in the same object")
            .containsExactlyInAnyOrder("count", "cart", "_testcookie", "_browser_close", "_id_at");
        assertThat(request().map()).containsOnlyKeys("count", "cart").containsEntry("count", 4);
    }

    @Test
    void theSealedExpiryDecidesNotTheBrowser() {
        Instant now = this.clock.instant();
        Instant sealedExpiry = now.plus(Duration.ofMinutes(10));
        String token = this.store
            .save(SessionWrite.create(SessionIds.generate(), this.codec.newData().put("a", 1), now, sealedExpiry));
        this.clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(live(this.store, this.settings, token)).isNotNull();
        this.clock.advance(Duration.ofMillis(1));
        assertThat(live(this.store, this.settings, token)).as("expired by the sealed time, whatever the browser sends")
            .isNull();
    }

    @Test
    void theIdleTimeoutCountsFromTheSealedLastAccess() {
        String token = this.store.save(write(this.codec.newData().put("a", 1), this.clock.instant(),
                this.clock.instant(), Duration.ofMinutes(30)));
        this.clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(live(this.store, this.settings, token)).isNotNull();
        this.clock.advance(Duration.ofMillis(1));
        assertThat(live(this.store, this.settings, token)).isNull();
    }

    @Test
    void anAbsoluteTimeoutConfiguredLaterAppliesFromTheSealedCreation() {
        String token = this.store
            .save(write(this.codec.newData().put("a", 1), this.clock.instant(), this.clock.instant(), null));
        SessionSettings absoluteSettings = new SessionSettings(Duration.ofDays(14), Duration.ofHours(2),
                Duration.ofMinutes(1));
        SecureCookieSessionStore absolute = store(this.secret, List.of(), absoluteSettings);
        this.clock.advance(Duration.ofHours(2).minusMillis(1));
        assertThat(live(absolute, absoluteSettings, token)).isNotNull();
        this.clock.advance(Duration.ofMillis(1));
        assertThat(live(absolute, absoluteSettings, token)).isNull();
    }

    @Test
    void aShorterConfiguredTimeoutAppliesToCookiesAlreadyOut() {
        String token = this.store
            .save(write(this.codec.newData().put("a", 1), this.clock.instant(), this.clock.instant(), null));
        SessionSettings stricterSettings = new SessionSettings(Duration.ofHours(1), null, Duration.ofMinutes(1));
        SecureCookieSessionStore stricter = store(this.secret, List.of(), stricterSettings);
        this.clock.advance(Duration.ofMinutes(59));
        assertThat(live(stricter, stricterSettings, token)).isNotNull();
        this.clock.advance(Duration.ofMinutes(1));
        assertThat(live(stricter, stricterSettings, token)).isNull();
        assertThat(live(this.store, this.settings, token)).as("still within the sealed 14 days").isNotNull();
    }

    @Test
    void theAbsoluteTimeoutCountsFromTheSealedCreationTime() {
        SessionSettings absolute = new SessionSettings(Duration.ofHours(1), Duration.ofHours(2), Duration.ofMinutes(1));
        this.store = store(this.secret, List.of(), absolute);
        SessionLifecycle first = new SessionLifecycle(this.store, this.codec, absolute, this.clock, null);
        first.map().put("a", 1);
        finish(first);
        String keptByTheVisitor = this.token;
        for (int i = 1; i <= 3; i++) {
            this.clock.advance(Duration.ofMinutes(50));
            SessionLifecycle busy = new SessionLifecycle(this.store, this.codec, absolute, this.clock, this.token);
            assertThat(busy.map().get("a")).as("after %s minutes", i * 50).isEqualTo((i < 3) ? 1 : null);
            busy.map().put("b", i);
            finish(busy);
        }
        assertThat(live(this.store, absolute, keptByTheVisitor)).isNull();
        assertThat(live(this.store, absolute, this.token)).as("the fresh session started at 150 minutes").isNotNull();
    }

    @Test
    void aCookieOfAPreviousSecretLoadsAndTheNextResponseResealsItWithTheCurrentOne() {
        saveSession(Map.of("cart", List.of("apple")));
        String sealedWithOld = this.token;
        String current = TestSecrets.random();
        this.store = store(current, List.of(this.secret), this.settings);

        StoredSession loaded = this.store.load(sealedWithOld);
        assertThat(loaded).isNotNull();
        assertThat(loaded.resave()).isTrue();

        SessionLifecycle read = request();
        assertThat(read.map().get("cart")).isEqualTo(List.of("apple"));
        CookieUpdate update = finish(read);
        assertThat(update.action()).as("a read re-seals at once").isEqualTo(CookieUpdate.Action.SET);

        SecureCookieSessionStore afterRotation = store(current, List.of(), this.settings);
        StoredSession resealed = afterRotation.load(this.token);
        assertThat(resealed).isNotNull();
        assertThat(resealed.resave()).isFalse();
        assertThat(resealed.id()).isEqualTo(loaded.id());
        assertThat(resealed.data().get("cart").get(0).asString()).isEqualTo("apple");
        assertThat(afterRotation.load(sealedWithOld)).as("the removed secret").isNull();
    }

    @Test
    void aCookieOfAnUnknownSecretIsNoSession() {
        String foreign = store(TestSecrets.random(), List.of(), this.settings)
            .save(write(this.codec.newData().put("member", "admin"), this.clock.instant(), this.clock.instant(), null));
        this.token = foreign;
        SessionLifecycle lifecycle = request();
        assertThat(lifecycle.map().isNew()).isTrue();
        assertThat(lifecycle.map()).isEmpty();
        assertThat(finish(lifecycle)).isEqualTo(CookieUpdate.CLEAR);
    }

    @Test
    void theSessionWorksLikeAnyOtherAcrossRequests() {
        saveSession(Map.of("count", 1));
        String first = this.token;

        SessionLifecycle read = request();
        assertThat(read.map().get("count")).isEqualTo(1);
        assertThat(finish(read)).as("a read writes nothing").isEqualTo(CookieUpdate.NONE);

        SessionLifecycle untouched = request();
        assertThat(untouched.finish(false)).isEqualTo(CookieUpdate.NONE);

        SessionLifecycle failing = request();
        failing.map().put("count", 99);
        assertThat(failing.finish(true)).isEqualTo(CookieUpdate.NONE);

        SessionLifecycle change = request();
        change.map().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
        assertThat(finish(change).action()).isEqualTo(CookieUpdate.Action.SET);
        assertThat(this.token).isNotEqualTo(first);
        assertThat(request().map().get("count")).isEqualTo(2);
    }

    @Test
    void rotateIdSealsANewIdentityWithTheSameData() {
        saveSession(Map.of("cart", List.of("apple")));
        String before = this.store.load(this.token).id();
        SessionLifecycle login = request();
        login.map().rotateId();
        finish(login);
        StoredSession after = this.store.load(this.token);
        assertThat(after.id()).isNotEqualTo(before);
        assertThat(after.data().get("cart").get(0).asString()).isEqualTo("apple");
    }

    @Test
    void invalidateClearsTheCookieAndLeavesAnEndMarkerThatKeepsTheSessionFromBeingServed() {
        saveSession(Map.of("member", 7));
        String loggedIn = this.token;
        SessionLifecycle logout = request();
        logout.map().invalidate();
        CookieUpdate update = finish(logout);
        assertThat(update.action()).isEqualTo(CookieUpdate.Action.CLEAR);
        EndMarker marker = update.endMarker();
        assertThat(marker).isNotNull();
        assertThat(marker.value()).matches("[A-Za-z0-9_-]{22}").doesNotContain(this.store.load(loggedIn).id());
        assertThat(marker.maxAge()).isEqualTo(Duration.ofMinutes(10));

        SessionLifecycle withMarker = new SessionLifecycle(this.store, this.codec, this.settings, this.clock,
                () -> List.of(loggedIn), () -> List.of("other", marker.value()), SessionClient.UNKNOWN,
                SessionHooks.NONE);
        assertThat(withMarker.map()).isEmpty();
        assertThat(withMarker.finish(false)).isEqualTo(CookieUpdate.CLEAR);

        SessionLifecycle otherMarker = new SessionLifecycle(this.store, this.codec, this.settings, this.clock,
                () -> List.of(loggedIn), () -> List.of("other"), SessionClient.UNKNOWN, SessionHooks.NONE);
        assertThat(otherMarker.map()).containsEntry("member", 7);
    }

    @Test
    void aSessionTooLargeForACookieFailsAtSaveNamingSizeAndLimit() {
        int fits = 0;
        int low = 0;
        int high = 4096;
        while (low <= high) {
            int size = (low + high) >>> 1;
            try {
                this.store.save(write(this.codec.newData().put("big", "x".repeat(size)), this.clock.instant(),
                        this.clock.instant(), null));
                fits = size;
                low = size + 1;
            }
            catch (SessionTooLargeException ex) {
                high = size - 1;
            }
        }
        String largest = this.store.save(write(this.codec.newData().put("big", "x".repeat(fits)), this.clock.instant(),
                this.clock.instant(), null));
        assertThat(OVERHEAD + largest.length()).isBetween(CookieUpdate.MAX_COOKIE_BYTES - 1,
                CookieUpdate.MAX_COOKIE_BYTES);
        assertThat(this.store.load(largest)).isNotNull();

        int tooLarge = fits + 1;
        assertThatExceptionOfType(SessionTooLargeException.class)
            .isThrownBy(() -> this.store.save(write(this.codec.newData().put("big", "x".repeat(tooLarge)),
                    this.clock.instant(), this.clock.instant(), null)))
            .satisfies((ex) -> {
                assertThat(ex.getLimit()).isEqualTo(4096);
                assertThat(ex.getSize()).isGreaterThan(4096).isLessThanOrEqualTo(4096 + 2);
                assertThat(ex.getMessage())
                    .contains(ex.getSize() + " bytes", "4096 bytes", "keep sessions on the server")
                    .doesNotContain("xxxx");
            });
    }

    @Test
    void aTooLargeChangeLeavesTheVisitorsSessionAsItWas() {
        saveSession(Map.of("count", 1));
        String before = this.token;
        SessionLifecycle lifecycle = request();
        lifecycle.map().put("big", "x".repeat(5000));
        assertThatExceptionOfType(SessionTooLargeException.class).isThrownBy(() -> lifecycle.finish(false));
        assertThat(this.token).isEqualTo(before);
        assertThat(request().map()).containsExactly(Map.entry("count", 1));
    }

    @Test
    void aStoredValueNeverAppearsInTheCookie() {
        String value = "4111-1111-1111-1111 Ann Example";
        saveSession(Map.of("card", value));
        String cookie = this.token;
        assertThat(cookie).doesNotContain("4111", "Ann", "card");
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        for (int shift = 0; shift < 3; shift++) {
            String encoded = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.util.Arrays.copyOfRange(plain, shift, plain.length));
            assertThat(cookie).doesNotContain(encoded.substring(4, 16));
        }
        assertThat(new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.ISO_8859_1))
            .doesNotContain("4111", "Ann Example");
    }

    @Test
    void loadNeverThrowsOnBadInput() {
        String good = saveSession(Map.of("a", 1));
        for (String bad : List.of("", "x", "not base64!", good.substring(1), good + "A", "A".repeat(100 * 1024),
                good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A"))) {
            assertThat(this.store.load(bad)).isNull();
        }
    }

    @Test
    void aTokenOfImpossibleFormIsMalformedAndOneThatDoesNotOpenIsTamperedWith() {
        String good = saveSession(Map.of("count", 1));
        byte[] bytes = Base64.getUrlDecoder().decode(good);
        bytes[bytes.length / 2] ^= 0x10;
        String flipped = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String otherKey = store(TestSecrets.random(), List.of(), this.settings)
            .save(write(this.codec.newData(), this.clock.instant(), this.clock.instant(), null));
        bytes[0] = 2;
        String otherVersion = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(this.store.isWellFormed(good)).isTrue();
        assertThat(List.of(flipped, otherKey)).allSatisfy((token) -> {
            assertThat(this.store.load(token)).isNull();
            assertThat(this.store.isWellFormed(token)).as("well-formed, but does not open").isTrue();
        });
        assertThat(List.of("abc", "not!base64*" + good.substring(11), good + "==", good.substring(0, 12), otherVersion,
                good + "A".repeat(5000)))
            .allSatisfy((token) -> assertThat(this.store.isWellFormed(token)).as(token).isFalse());
    }

    @Test
    void aRejectedCookieIsReportedWithItsReason() {
        String good = saveSession(Map.of("count", 1));
        byte[] bytes = Base64.getUrlDecoder().decode(good);
        bytes[bytes.length / 2] ^= 0x10;
        String flipped = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        List<RejectedToken> reasons = new ArrayList<>();
        SessionListener listener = new SessionListener() {

            @Override
            public void onRejected(RejectedToken reason) {
                reasons.add(reason);
            }
        };
        for (String token : List.of("garbage", flipped)) {
            SessionLifecycle lifecycle = new SessionLifecycle(this.store, this.codec, this.settings, this.clock,
                    () -> List.of(token), List::of, SessionClient.UNKNOWN, new SessionHooks(listener, null));
            assertThat(lifecycle.map().get("count", 0)).isZero();
        }
        assertThat(reasons).containsExactly(RejectedToken.MALFORMED, RejectedToken.TAMPERED);
    }

    /**
     * The session the token opens, unless it expired as the lifecycle judges it with
     * {@code settings} (the store leaves expiry to its caller).
     */
    private @Nullable StoredSession live(SecureCookieSessionStore store, SessionSettings settings, String token) {
        StoredSession session = store.load(token);
        return (session != null && !settings.isExpired(session, this.clock.instant())) ? session : null;
    }

}
