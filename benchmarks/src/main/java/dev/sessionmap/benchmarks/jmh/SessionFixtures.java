package dev.sessionmap.benchmarks.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session contents the benchmarks use: ten small values, or the same plus a cart that
 * makes about 3 KB of JSON.
 */
final class SessionFixtures {

    /** The smallest stored JSON that counts as "about 3 KB". */
    static final int LARGE_MIN_BYTES = 3000;

    private SessionFixtures() {
    }

    /** Ten small values of the kinds sessions hold: strings, numbers, booleans. */
    static Map<String, Object> small() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("count", 41);
        values.put("user", "alice@example.com");
        values.put("locale", "en-GB");
        values.put("theme", "dark");
        values.put("csrf", "kq3O0zYq1v9m5xG4Yw2c7C8pVt1HfJrX6NnL0aBsDeU");
        values.put("visits", 17L);
        values.put("admin", false);
        values.put("lastPage", "/products/42");
        values.put("cartSize", 3);
        values.put("ratio", 0.25);
        return values;
    }

    /** {@link #small()} plus a list of cart items, {@code items} long. */
    static Map<String, Object> withCart(int items) {
        Map<String, Object> values = small();
        List<CartItem> cart = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            cart.add(new CartItem("SKU-" + (100000 + i), "Product number " + i + " in a medium length name",
                    1 + (i % 4), 1999L + 250L * i));
        }
        values.put("cart", cart);
        return values;
    }

    /** A value type as an application would put it in its session. */
    record CartItem(String sku, String name, int quantity, long priceCents) {
    }

}
