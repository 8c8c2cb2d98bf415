package dev.sessionmap.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;

import dev.sessionmap.core.SessionValueException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What servlet session attributes store, and which types come back, through
 * {@link AttributeTypes}.
 */
class AttributeTypesTests {

    private final ClassLoader loader = getClass().getClassLoader();

    private final AttributeTypes types = AttributeTypes.allowing(List.of(), this.loader);

    @Test
    void springSecuritysContextComesBackAsItself() {
        User user = new User("ada", "", AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN", "orders:read",
                "orders:write", "profile"));
        SecurityContext context = new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));

        Object read = roundTrip("SPRING_SECURITY_CONTEXT", context);

        assertThat(read).isInstanceOf(SecurityContextImpl.class).isEqualTo(context);
        assertThat(((SecurityContext) read).getAuthentication().getPrincipal()).isEqualTo(user);
    }

    @Test
    void springSecuritysOwnTypesAreRecordedByShortNamesThatReadBack() {
        SecurityContext context = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("ada", null,
                AuthorityUtils.createAuthorityList("ROLE_USER")));

        JsonNode json = this.types.encode("SPRING_SECURITY_CONTEXT", context);

        assertThat(json.get("@class").asString()).isEqualTo("~SecurityContextImpl");
        assertThat(json.toString()).doesNotContain("org.springframework.security.core.authority");
        assertThat(this.types.decode("SPRING_SECURITY_CONTEXT", json)).isEqualTo(context);
    }

    @Test
    void jdkValuesComeBackAsTheirOwnClassNotAsTheNearestJsonType() {
        assertThat(roundTrip("n", 5L)).isEqualTo(5L);
        assertThat(roundTrip("tags", new LinkedHashSet<>(List.of("a", "b")))).isInstanceOf(LinkedHashSet.class)
            .isEqualTo(Set.of("a", "b"));
        assertThat(roundTrip("s", "text")).isEqualTo("text");
        assertThat(roundTrip("i", 7)).isEqualTo(7);
    }

    @Test
    void aTypeOffTheAllowListFailsWhenSetNamingTheAttributeTheTypeAndTheProperty() {
        assertThatExceptionOfType(SessionValueException.class).isThrownBy(() -> this.types.encode("cart", new Cart(3)))
            .withMessageContaining("'cart'")
            .withMessageContaining(Cart.class.getName())
            .withMessageContaining("app.session.http-session.allowed-types");
    }

    @Test
    void theApplicationAllowsItsOwnTypesByClassOrByPackage() {
        AttributeTypes byClass = AttributeTypes.allowing(List.of(Cart.class.getName()), this.loader);
        AttributeTypes byPackage = AttributeTypes.allowing(List.of("dev.sessionmap.web.*"), this.loader);

        assertThat(byClass.decode("cart", byClass.encode("cart", new Cart(3)))).isEqualTo(new Cart(3));
        assertThat(byPackage.decode("cart", byPackage.encode("cart", new Cart(3)))).isEqualTo(new Cart(3));
    }

    @Test
    void aStoredValueWhoseClassIsGoneOrNoLongerAllowedReadsAsAbsent() {
        AttributeTypes allowing = AttributeTypes.allowing(List.of(Cart.class.getName()), this.loader);
        JsonNode cart = allowing.encode("cart", new Cart(3));
        JsonNode gone = JsonMapper.shared().readTree("{\"@class\":\"com.example.Gone\",\"items\":1}");

        assertThat(this.types.decode("cart", cart)).isNull();
        assertThat(this.types.decode("old", gone)).isNull();
    }

    @Test
    void aValuePutThroughTheMapReadsAsPlainJson() {
        JsonNode plain = JsonMapper.shared().readTree("{\"items\":3,\"tags\":[\"a\"]}");

        assertThat(this.types.decode("cart", plain)).isEqualTo(Map.of("items", 3, "tags", List.of("a")));
    }

    @Test
    void aPackageEntryThatWouldAllowClassesNotTheApplicationsOwnFailsStartUp() {
        for (String broad : List.of("com.*", "java.util.*", "org.springframework.security.*", "org.*")) {
            assertThatIllegalArgumentException().isThrownBy(() -> AttributeTypes.allowing(List.of(broad), this.loader))
                .as(broad)
                .withMessageContaining("app.session.http-session.allowed-types")
                .withMessageContaining(broad);
        }
    }

    @Test
    void onlyTheJdkClassesListedAreAllowedNotTheirSubclasses() {
        assertThatExceptionOfType(SessionValueException.class)
            .isThrownBy(() -> this.types.encode("map", new MyHashMap()))
            .withMessageContaining(MyHashMap.class.getName());
    }

    @Test
    void aStoredClassThatFailsToLoadReadsAsAbsentNotAsAnError() {
        AttributeTypes allowing = AttributeTypes.allowing(List.of(Unloadable.class.getName()), this.loader);
        JsonNode json = JsonMapper.shared().readTree("{\"@class\":\"" + Unloadable.class.getName() + "\"}");

        assertThat(allowing.decode("broken", json)).isNull();
    }

    @Test
    void aListThatLooksLikeAShortTypeNameComesBackAsItWas() {
        java.util.ArrayList<String> list = new java.util.ArrayList<>(List.of("~SimpleGrantedAuthority", "x"));

        assertThat(roundTrip("list", list)).isEqualTo(list);
    }

    private Object roundTrip(String name, Object value) {
        return this.types.decode(name, this.types.encode(name, value));
    }

    record Cart(int items) {
    }

    static class MyHashMap extends java.util.HashMap<String, Object> {

        private static final long serialVersionUID = 1L;

    }

    /** A class whose loading fails, as one whose dependency is gone after a deploy. */
    static class Unloadable {

        static {
            if (Boolean.parseBoolean("true")) {
                throw new IllegalStateException("cannot initialize");
            }
        }

    }

}
