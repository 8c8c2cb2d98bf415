package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servlet session attributes stored with their type beside the map's plain values: the
 * same object back within a request, changes in place saved when the attribute was set in
 * the request and not when it was only read, and the map and the attribute seeing each
 * other's changes.
 */
class SessionAttributesTests {

    /** A typed attribute. */
    record Basket(List<String> items) {
    }

    private final MemorySessionStore store = new MemorySessionStore();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(1), null, Duration.ofMinutes(1));

    private final SessionCodec codec = SessionCodec.withDefaults();

    /**
     * Records the type as {@code "@class": "Basket"}; anything else reads as plain JSON.
     */
    private final AttributeCodec baskets = new AttributeCodec() {

        @Override
        public JsonNode encode(String name, Object value) {
            ObjectNode json = SessionAttributesTests.this.codec.newData();
            json.put(TYPE_PROPERTY, "Basket");
            json.set("items", SessionAttributesTests.this.codec.encode(name, ((Basket) value).items()));
            return json;
        }

        @Override
        @SuppressWarnings("unchecked")
        public @Nullable Object decode(String name, JsonNode json) {
            if (json.isObject() && "Basket".equals(json.path(TYPE_PROPERTY).asString(""))) {
                return new Basket(
                        new ArrayList<>((List<String>) SessionAttributesTests.this.codec.decode(json.get("items"))));
            }
            return SessionAttributesTests.this.codec.decode(json);
        }

    };

    private @Nullable String token;

    private SessionLifecycle request() {
        return new SessionLifecycle(this.store, this.codec, this.settings, this.clock, this.token);
    }

    private void finish(SessionLifecycle lifecycle) {
        CookieUpdate update = lifecycle.finish(false);
        if (update.action() == CookieUpdate.Action.SET) {
            this.token = update.value();
        }
    }

    @Test
    void anAttributeSetInTheRequestIsTheSameObjectAndItsChangesInPlaceAreSaved() {
        SessionLifecycle first = request();
        SessionAttributes attributes = new SessionAttributes(first, this.baskets);
        Basket basket = new Basket(new ArrayList<>(List.of("tea")));
        attributes.set("basket", basket);
        assertThat(attributes.get("basket")).isSameAs(basket);
        basket.items().add("milk");
        finish(first);

        assertThat(new SessionAttributes(request(), this.baskets).get("basket"))
            .isEqualTo(new Basket(List.of("tea", "milk")));
    }

    @Test
    void anAttributeOnlyReadIsNotComparedSoItsChangesInPlaceNeedSettingAgain() {
        SessionLifecycle first = request();
        new SessionAttributes(first, this.baskets).set("basket", new Basket(new ArrayList<>(List.of("tea"))));
        finish(first);

        SessionLifecycle second = request();
        SessionAttributes attributes = new SessionAttributes(second, this.baskets);
        Basket read = (Basket) attributes.get("basket");
        assertThat(attributes.get("basket")).as("the same object while the request lasts").isSameAs(read);
        read.items().add("milk");
        finish(second);
        SessionLifecycle third = request();
        SessionAttributes again = new SessionAttributes(third, this.baskets);
        Basket unchanged = (Basket) again.get("basket");
        assertThat(unchanged.items()).containsExactly("tea");

        unchanged.items().add("sugar");
        again.set("basket", unchanged);
        finish(third);
        assertThat(new SessionAttributes(request(), this.baskets).get("basket"))
            .isEqualTo(new Basket(List.of("tea", "sugar")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMapAndTheAttributeSeeEachOthersChanges() {
        SessionLifecycle first = request();
        new SessionAttributes(first, this.baskets).set("basket", new Basket(new ArrayList<>(List.of("tea"))));
        finish(first);

        SessionLifecycle second = request();
        SessionAttributes attributes = new SessionAttributes(second, this.baskets);
        Basket typed = (Basket) attributes.get("basket");
        Map<String, Object> plain = (Map<String, Object>) second.map().get("basket");
        assertThat(plain).containsEntry(AttributeCodec.TYPE_PROPERTY, "Basket").containsEntry("items", List.of("tea"));
        ((List<Object>) plain.get("items")).add("milk");
        Basket fresh = (Basket) attributes.get("basket");
        assertThat(fresh).as("decoded afresh after the map changed it").isNotSameAs(typed);
        assertThat(fresh.items()).containsExactly("tea", "milk");
        finish(second);

        assertThat(new SessionAttributes(request(), this.baskets).get("basket"))
            .isEqualTo(new Basket(List.of("tea", "milk")));
    }

}
