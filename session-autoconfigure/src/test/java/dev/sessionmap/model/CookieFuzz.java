package dev.sessionmap.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for what a visitor can put in a {@code Cookie} header: made-up headers
 * (names and values of any syntax, duplicates, many cookies, encodings), and a real
 * session token altered the ways an attacker or a broken client alters one (bits flipped,
 * cut short, lengthened, parts reordered or swapped for another visitor's, re-encoded).
 */
final class CookieFuzz {

    private static final String NAME = "sessionid";

    private CookieFuzz() {
    }

    /**
     * A whole {@code Cookie} header built from {@code victim} and {@code other}, two
     * visitors' real tokens.
     */
    static Arbitrary<String> headers(String victim, String other) {
        return Arbitraries.frequencyOf(Tuple.of(4, altered(victim, other).map((token) -> NAME + "=" + token)),
                Tuple.of(2, madeUp()), Tuple.of(2, duplicated(victim, other)), Tuple.of(1, many(victim)));
    }

    /** A real token altered. */
    static Arbitrary<String> altered(String victim, String other) {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, Math.max(0, victim.length() - 1));
        return Arbitraries.frequencyOf(Tuple.of(4, position.flatMap((at) -> flipBit(victim, at))),
                Tuple.of(2, position.map((at) -> victim.substring(0, at))),
                Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(40).map((tail) -> victim + tail)),
                Tuple.of(1, Arbitraries.just(reversedParts(victim))),
                Tuple.of(2,
                        position.map((at) -> victim.substring(0, at) + other.substring(Math.min(at, other.length())))),
                Tuple.of(1,
                        Arbitraries
                            .just(Base64.getEncoder().encodeToString(victim.getBytes(StandardCharsets.US_ASCII)))),
                Tuple.of(1, Arbitraries.just("\"" + victim + "\"")),
                Tuple.of(1, Arbitraries.just(victim.replace("-", "%2D").replace("_", "%5F"))),
                Tuple.of(1, Arbitraries.just(victim.toUpperCase())),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(6000).map((noise) -> victim.substring(0, 5) + noise)));
    }

    private static Arbitrary<String> flipBit(String token, int at) {
        return Arbitraries.integers().between(0, 6).map((bit) -> {
            char[] chars = token.toCharArray();
            chars[at] = (char) (chars[at] ^ (1 << bit));
            return new String(chars);
        });
    }

    private static String reversedParts(String token) {
        String[] parts = token.split("\\.");
        List<String> reversed = new ArrayList<>(List.of(parts));
        java.util.Collections.reverse(reversed);
        return String.join(".", reversed);
    }

    /** Headers of any syntax, with and without the session cookie's name. */
    static Arbitrary<String> madeUp() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.just(NAME), Arbitraries.just("SESSIONID"),
                Arbitraries.just("sessionid "), Arbitraries.just("$Version"), Arbitraries.just(""),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(300),
                Arbitraries.strings().withChars("=;,\" \\\t%").ofMaxLength(20), Arbitraries.just(""),
                Arbitraries.strings().withCharRange('\u0080', '\u07ff').ofMaxLength(20));
        Arbitrary<String> pair = Combinators.combine(names, values).as((name, value) -> name + "=" + value);
        return pair.list()
            .ofMinSize(1)
            .ofMaxSize(8)
            .flatMap((pairs) -> Arbitraries.of("; ", ";", ", ", " ;  ")
                .map((separator) -> String.join(separator, pairs)));
    }

    /** The session cookie several times: the victim's, the other's, altered ones. */
    static Arbitrary<String> duplicated(String victim, String other) {
        Arbitrary<String> tokens = Arbitraries.oneOf(Arbitraries.just(victim), Arbitraries.just(other),
                altered(victim, other));
        return tokens.list().ofMinSize(2).ofMaxSize(5).map((list) -> {
            List<String> cookies = new ArrayList<>();
            list.forEach((token) -> cookies.add(NAME + "=" + token));
            return String.join("; ", cookies);
        });
    }

    /** Hundreds of cookies, the victim's among them. */
    static Arbitrary<String> many(String victim) {
        return Arbitraries.integers().between(50, 400).map((count) -> {
            StringBuilder header = new StringBuilder();
            for (int i = 0; i < count; i++) {
                header.append("c").append(i).append("=v; ");
            }
            return header.append(NAME).append('=').append(victim).toString();
        });
    }

}
