package dev.sessionmap.store.cookie;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secure-cookie store's cache of recently opened and sealed cookies: it changes how
 * often a cookie is decrypted and parsed, never what a load returns.
 */
class OpenedCookiesTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final String secret = TestSecrets.random();

    private final SecureCookieSessionStore store = store(this.secret, List.of(),
            SecureCookieSessionStore.DEFAULT_CACHE_BYTES);

    /** The same keys without a cache: what every load would return without one. */
    private final SecureCookieSessionStore uncached = store(this.secret, List.of(), 0);

    private SecureCookieSessionStore store(String current, List<String> previous, long cacheBytes) {
        SecureCookieCodec sealer = new SecureCookieCodec(SecureCookieKeys.of(current, previous), "sessionid");
        return new SecureCookieSessionStore(sealer, this.codec, 120, cacheBytes);
    }

    private SessionWrite write(ObjectNode data) {
        return SessionWrite.create(SessionIds.generate(), data, NOW, NOW.plus(Duration.ofDays(14)));
    }

    @Test
    void aSessionFromTheCacheIsTheCallersOwnCopy() {
        ObjectNode data = this.codec.newData().put("count", 1);
        data.putArray("cart").add("apple");
        String token = this.store.save(write(data));

        StoredSession first = this.store.load(token);
        first.data().put("count", 99);
        first.data().withArray("cart").add("pear");
        StoredSession second = this.store.load(token);
        second.data().remove("cart");

        assertThat(this.store.load(token).data()).isEqualTo(data);
    }

    /**
     * The cache keeps what was sealed, not the tree that was written: a long that fits an
     * int, a float and a decimal read back as JSON parsing reads them, as they do in a
     * store that has just started.
     */
    @Test
    void aSessionItSealedLoadsAsParsedNotAsWritten() {
        ObjectNode data = this.codec.newData();
        data.set("small-long", JsonNodeFactory.instance.numberNode(5L));
        data.set("float", JsonNodeFactory.instance.numberNode(1.5f));
        data.set("decimal", JsonNodeFactory.instance.numberNode(new BigDecimal("2.50")));
        String token = this.store.save(write(data));

        ObjectNode fromCache = this.store.load(token).data();
        ObjectNode opened = this.uncached.load(token).data();

        assertThat(fromCache).isEqualTo(opened);
        assertThat(fromCache.get("small-long").isInt()).isTrue();
        assertThat(fromCache.get("float").isDouble()).isTrue();
        assertThat(this.store.load(token).data()).isEqualTo(opened);
    }

    @Test
    void aCookieOfAPreviousSecretAsksToBeResealedEachTimeItLoads() {
        String old = TestSecrets.random();
        String token = store(old, List.of(), 0).save(write(this.codec.newData().put("count", 2)));
        SecureCookieSessionStore rotated = store(this.secret, List.of(old),
                SecureCookieSessionStore.DEFAULT_CACHE_BYTES);

        assertThat(rotated.load(token).resave()).isTrue();
        assertThat(rotated.load(token).resave()).isTrue();
        assertThat(rotated.load(token).data().get("count").intValue()).isEqualTo(2);
    }

    @Test
    void aValueOneCharacterOffAKeptOneIsNoSession() {
        String token = this.store.save(write(this.codec.newData().put("count", 3)));
        assertThat(this.store.load(token)).isNotNull();

        for (int i = 0; i < token.length(); i++) {
            char changed = (token.charAt(i) == 'A') ? 'B' : 'A';
            String altered = token.substring(0, i) + changed + token.substring(i + 1);
            assertThat(this.store.load(altered)).as("changed at %d", i).isNull();
        }
        assertThat(this.store.load(token + "A")).isNull();
        assertThat(this.store.load(token.substring(0, token.length() - 1))).isNull();
    }

    @Test
    void onlyValuesThatOpenAreKept() {
        String token = this.uncached.save(write(this.codec.newData().put("count", 3)));
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + ((last == 'A') ? 'Q' : 'A');
        String foreign = store(TestSecrets.random(), List.of(), 0).save(write(this.codec.newData()));

        for (String bad : List.of(tampered, foreign, "", "not a cookie", token + "A")) {
            assertThat(this.store.load(bad)).isNull();
        }
        assertThat(this.store.cachedBytes()).isZero();
        assertThat(this.store.load(token)).isNotNull();
        assertThat(this.store.cachedBytes()).isPositive();
    }

    /**
     * An entry weighs about 700 bytes here, so a generation holds some 45: one used at
     * least once in every 20 others stays however many go through.
     */
    @Test
    void itHoldsAboutItsSizeAndKeepsTheValuesInUse() {
        long size = 64 * 1024;
        OpenedCookies cache = new OpenedCookies(size);
        String inUse = "in-use";
        cache.put(inUse, new OpenedCookies.Entry(new byte[50], false));
        long largest = 0;
        for (int i = 0; i < 10_000; i++) {
            cache.put("value-" + i, new OpenedCookies.Entry(new byte[50], false));
            largest = Math.max(largest, cache.bytes());
            if (i % 20 == 0) {
                assertThat(cache.get(inUse)).as("after %d others", i).isNotNull();
            }
        }
        assertThat(largest).isLessThanOrEqualTo(size + 1024);
        assertThat(cache.get("value-0")).isNull();
        assertThat(cache.get("value-9999")).isNotNull();
    }

    @Test
    void aSizeOfZeroKeepsNothing() {
        OpenedCookies cache = new OpenedCookies(0);
        cache.put("value", new OpenedCookies.Entry(new byte[1], false));
        assertThat(cache.get("value")).isNull();
        assertThat(cache.bytes()).isZero();
    }

    /**
     * Many threads loading and saving through a cache small enough to turn over all the
     * time: every load returns the session of its own token.
     */
    @Test
    void concurrentLoadsEachGetTheirOwnSession() throws Exception {
        SecureCookieSessionStore small = store(this.secret, List.of(), 16 * 1024);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(small.save(write(this.codec.newData().put("n", i))));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(threads.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 5_000; i++) {
                        int n = (i * 31 + seed * 7) % tokens.size();
                        StoredSession loaded = small.load(tokens.get(n));
                        assertThat(loaded.data().get("n").intValue()).isEqualTo(n);
                        if (i % 50 == 0) {
                            small.save(write(this.codec.newData().put("n", -1)));
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(5_000);
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    /**
     * A session the store has just sealed loads from memory exactly as from the cookie,
     * node types included, whatever it holds and however the mapper reads numbers: 2,000
     * random sessions of every JSON kind (nested past the depth it copies, strings with
     * emoji and lone surrogates), for the default mapper and for one that reads ints as
     * longs, floats as decimals and writes properties sorted.
     */
    @Test
    void aSessionItJustSealedLoadsAsTheCookieOpens() {
        JsonMapper unusual = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS, JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();
        for (SessionCodec codec : List.of(this.codec, new SessionCodec(unusual))) {
            SecureCookieCodec sealer = new SecureCookieCodec(SecureCookieKeys.of(this.secret, List.of()), "sessionid");
            SecureCookieSessionStore cached = new SecureCookieSessionStore(sealer, codec, 120,
                    SecureCookieSessionStore.DEFAULT_CACHE_BYTES);
            SecureCookieSessionStore opening = new SecureCookieSessionStore(sealer, codec, 120, 0);
            Random random = new Random(42);
            for (int i = 0; i < 2000; i++) {
                ObjectNode data = codec.newData();
                int values = random.nextInt(4);
                for (int v = 0; v < values; v++) {
                    data.set(text(random), randomValue(random, 0));
                }
                SessionWrite write = SessionWrite.create(SessionIds.generate(), data, NOW.plusNanos(random.nextInt()),
                        NOW.plus(Duration.ofDays(14)));
                String token;
                try {
                    token = cached.save(write);
                }
                catch (RuntimeException tooLargeOrUnwritable) {
                    continue;
                }
                StoredSession fromMemory = cached.load(token);
                StoredSession fromCookie = opening.load(token);
                assertThat(fromMemory.data()).as("session %d: %s", i, data).isEqualTo(fromCookie.data());
                assertThat(fromMemory.data().toString()).isEqualTo(fromCookie.data().toString());
                assertThat(List.of(fromMemory.id(), fromMemory.createdAt(), fromMemory.lastAccessedAt(),
                        fromMemory.expiresAt(), fromMemory.resave()))
                    .isEqualTo(List.of(fromCookie.id(), fromCookie.createdAt(), fromCookie.lastAccessedAt(),
                            fromCookie.expiresAt(), fromCookie.resave()));
                assertThat(fromMemory.timeout()).isEqualTo(fromCookie.timeout());
            }
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int kind = random.nextInt((depth < 40) ? 14 : 12);
        return switch (kind) {
            case 0 -> nodes.numberNode(random.nextInt());
            case 1 -> nodes.numberNode((long) random.nextInt(1000));
            case 2 -> nodes.numberNode(random.nextLong());
            case 3 -> nodes.numberNode(random.nextDouble() * 1000);
            case 4 -> nodes.numberNode(random.nextFloat());
            case 5 -> nodes.numberNode(BigInteger.valueOf(random.nextInt(100)));
            case 6 -> nodes.numberNode(new BigDecimal(random.nextInt(10000)).movePointLeft(2));
            case 7 -> nodes.booleanNode(random.nextBoolean());
            case 8 -> nodes.nullNode();
            case 9, 10, 11 -> nodes.stringNode(text(random));
            case 12 -> {
                ArrayNode array = nodes.arrayNode();
                int size = random.nextInt(3);
                for (int i = 0; i < size || (size == 0 && random.nextInt(4) > 0 && i < 1); i++) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = nodes.objectNode();
                int size = 1 + random.nextInt(2);
                for (int i = 0; i < size; i++) {
                    object.set(text(random), randomValue(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String text(Random random) {
        String[] pieces = { "a", "z", "Zebra", "é", "\u20ac", "\ud83d\ude00", "\ud83d", "\ude00", "\"", "\\", "\n",
                "\u0000", " ", "1" };
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(5);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

}
