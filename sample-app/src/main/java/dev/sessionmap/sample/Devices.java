package dev.sessionmap.sample;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Names a device from its {@code User-Agent} in a few words a member recognises, such as
 * "Firefox 128 on Windows". The header is whatever the client chose to send, so this is a
 * hint, never proof, and the page escapes it like any other text.
 */
final class Devices {

    /**
     * Browsers in the order to test them: Edge and Opera also say "Chrome", Chrome also
     * says "Safari".
     */
    private static final List<Product> BROWSERS = List.of(new Product("Edge", "Edg(?:e|A|iOS)?"),
            new Product("Opera", "OPR"), new Product("Samsung Internet", "SamsungBrowser"),
            new Product("Headless Chrome", "HeadlessChrome"), new Product("Chrome", "Chrome|CriOS"),
            new Product("Firefox", "Firefox|FxiOS"), new Product("Safari", "Version(?=/[\\d.]+.*Safari/)"),
            new Product("curl", "curl"));

    private static final List<Product> SYSTEMS = List.of(new Product("Android", "Android"),
            new Product("iPhone", "iPhone"), new Product("iPad", "iPad"), new Product("Windows", "Windows"),
            new Product("ChromeOS", "CrOS"), new Product("macOS", "Mac OS X|Macintosh"),
            new Product("Linux", "Linux|X11"));

    private Devices() {
    }

    /** A short name for the device that sent {@code userAgent}. */
    static String describe(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String browser = browser(userAgent);
        String system = system(userAgent);
        if (browser == null) {
            return (system != null) ? "A browser on " + system : "Unknown browser";
        }
        return (system != null) ? browser + " on " + system : browser;
    }

    private static @Nullable String browser(String userAgent) {
        for (Product product : BROWSERS) {
            Matcher version = product.version().matcher(userAgent);
            if (version.find()) {
                return product.name() + " " + version.group(1);
            }
        }
        return null;
    }

    private static @Nullable String system(String userAgent) {
        for (Product product : SYSTEMS) {
            if (product.token().matcher(userAgent).find()) {
                return product.name();
            }
        }
        return null;
    }

    /** A name, and the tokens of the header that announce it. */
    private record Product(String name, Pattern token, Pattern version) {

        Product(String name, String tokens) {
            this(name, Pattern.compile("\\b(?:" + tokens + ")\\b"),
                    Pattern.compile("\\b(?:" + tokens + ")/(\\d{1,4})"));
        }

    }

}
