package dev.sessionmap.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sessionmap.core.AttributeCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Short names for the classes a logged-in session records most, written in place of their
 * full names: Spring Security's context holds a dozen type records, and on the
 * secure-cookie store every byte of them travels in the cookie, where the full names took
 * more room than the values. Only {@code "@class"} properties are renamed. A short name
 * stands for exactly one class, for ever: stored sessions hold it. Only the recorded
 * types change; the allow-list still decides what is read.
 */
final class TypeAliases {

    private static final String PREFIX = "~";

    private static final List<String> CLASSES = List.of("org.springframework.security.core.context.SecurityContextImpl",
            "org.springframework.security.authentication.UsernamePasswordAuthenticationToken",
            "org.springframework.security.authentication.RememberMeAuthenticationToken",
            "org.springframework.security.authentication.AnonymousAuthenticationToken",
            "org.springframework.security.core.authority.SimpleGrantedAuthority",
            "org.springframework.security.core.authority.FactorGrantedAuthority",
            "org.springframework.security.core.userdetails.User",
            "org.springframework.security.web.authentication.WebAuthenticationDetails",
            "org.springframework.security.web.csrf.DefaultCsrfToken",
            "org.springframework.security.web.savedrequest.DefaultSavedRequest",
            "org.springframework.security.web.savedrequest.SavedCookie",
            "org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken",
            "org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest",
            "org.springframework.security.oauth2.core.user.DefaultOAuth2User",
            "org.springframework.security.oauth2.core.user.OAuth2UserAuthority",
            "org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser",
            "org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableSet",
            "java.util.Collections$UnmodifiableMap", "java.util.ArrayList", "java.util.LinkedHashMap",
            "java.util.HashMap", "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.TreeSet", "java.util.Locale", "java.lang.Long");

    private static final Map<String, String> SHORT = new HashMap<>();

    private static final Map<String, String> FULL = new HashMap<>();

    static {
        for (String name : CLASSES) {
            String alias = PREFIX + name.substring(name.lastIndexOf('.') + 1);
            if (FULL.put(alias, name) != null) {
                throw new IllegalStateException("Two classes share the alias " + alias);
            }
            SHORT.put(name, alias);
        }
    }

    private TypeAliases() {
    }

    /**
     * Writes the short name of every recorded type in {@code json} that has one, in
     * place.
     */
    static JsonNode shorten(JsonNode json) {
        return rename(json, SHORT);
    }

    /**
     * Writes the full name of every recorded type in {@code json} given by its short
     * name, in place.
     */
    static JsonNode expand(JsonNode json) {
        return rename(json, FULL);
    }

    private static JsonNode rename(JsonNode json, Map<String, String> names) {
        if (json instanceof ObjectNode object) {
            JsonNode type = object.get(AttributeCodec.TYPE_PROPERTY);
            if (type != null && type.isString() && names.containsKey(type.asString())) {
                object.put(AttributeCodec.TYPE_PROPERTY, names.get(type.asString()));
            }
            object.properties().forEach((property) -> rename(property.getValue(), names));
        }
        else if (json instanceof ArrayNode array) {
            // Only "@class" names are shortened: the type of a collection, recorded as
            // [type, value], cannot be told
            // from a list of two values whose first is a string, which must come back as
            // it was.
            array.forEach((element) -> rename(element, names));
        }
        return json;
    }

}
