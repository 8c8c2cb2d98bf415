package dev.sessionmap.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.ClassUtils;

import dev.sessionmap.core.AttributeCodec;
import dev.sessionmap.core.SessionValueException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of servlet session attributes: a value of a type JSON has (a string, a
 * boolean, an {@code Integer}, a {@code Double}) is stored as plain JSON, any other with
 * its class recorded under {@code "@class"}, so that it comes back as that class in the
 * next request, but only for classes on the allow-list: Spring Security's own (through
 * its Jackson modules, when Spring Security is present), the JDK's collections, numbers
 * and {@code java.time} types, and what the application names in {@value #PROPERTY}. A
 * value is checked to read back when it is set, so a type off the list fails there,
 * naming the property; a stored value whose class is gone or no longer allowed reads as
 * absent, with one warning per class.
 */
public final class AttributeTypes implements AttributeCodec {

    static final String PROPERTY = "app.session.http-session.allowed-types";

    private static final Logger logger = LoggerFactory.getLogger(AttributeTypes.class);

    private static final String TYPE = AttributeCodec.TYPE_PROPERTY;

    private static final String VALUE = "@value";

    private static final String SAVED_REQUEST = "org.springframework.security.web.savedrequest.DefaultSavedRequest";

    private static final String SECURITY_MODULES = "org.springframework.security.jackson.SecurityJacksonModules";

    /** Data types of the JDK, none of which does anything when built. */
    private static final List<Class<?>> JDK_TYPES = List.of(java.util.ArrayList.class, java.util.LinkedList.class,
            java.util.HashMap.class, java.util.LinkedHashMap.class, java.util.TreeMap.class, java.util.HashSet.class,
            java.util.LinkedHashSet.class, java.util.TreeSet.class, Long.class, Short.class, Byte.class, Float.class,
            Character.class, java.math.BigDecimal.class, java.math.BigInteger.class, java.util.Locale.class,
            java.util.UUID.class);

    private final JsonMapper typed;

    private final JsonMapper plain = JsonMapper.builder().build();

    /**
     * Packages no entry of the allow-list may name as a whole: they hold classes that do
     * things when built.
     */
    private static final List<String> TOO_BROAD = List.of("java.", "javax.", "jakarta.", "sun.", "com.sun.", "jdk.",
            "org.springframework.", "tools.jackson.", "com.fasterxml.", "org.apache.", "ch.qos.", "org.hibernate.");

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * Request headers a saved request must not keep: credentials, and the session token
     * itself.
     */
    private final Set<String> secretHeaders;

    private AttributeTypes(JsonMapper typed, Set<String> secretHeaders) {
        this.typed = typed;
        this.secretHeaders = secretHeaders;
    }

    /**
     * Attribute types for an application whose classes {@code loader} loads.
     * @param allowed class names, or package prefixes ending in {@code .*}, of the
     * application's own attribute types
     */
    public static AttributeTypes allowing(Collection<String> allowed, ClassLoader loader) {
        return allowing(allowed, loader, null);
    }

    /**
     * Attribute types for an application whose classes {@code loader} loads.
     * @param allowed class names, or package prefixes ending in {@code .*}, of the
     * application's own attribute types
     * @param sessionHeader the header API clients send the session token in, or
     * {@code null}
     */
    public static AttributeTypes allowing(Collection<String> allowed, ClassLoader loader,
            @Nullable String sessionHeader) {
        BasicPolymorphicTypeValidator.Builder validator = BasicPolymorphicTypeValidator.builder();
        // Exactly these classes: a subclass from some library on the classpath could do
        // anything when built.
        JDK_TYPES.forEach((type) -> validator.allowIfSubType(exactly(type.getName())));
        validator.allowIfSubType("java.time.");
        for (String name : allowed) {
            String entry = name.strip();
            if (entry.endsWith(".*")) {
                validator.allowIfSubType(packagePrefix(entry));
            }
            else if (!entry.isEmpty()) {
                validator.allowIfSubType(exactly(loadClass(entry, loader).getName()));
            }
        }
        JsonMapper.Builder mapper = JsonMapper.builder();
        if (ClassUtils.isPresent(SECURITY_MODULES, loader)) {
            mapper.addModules(SecurityModules.modules(loader, validator));
        }
        else {
            mapper.activateDefaultTyping(validator.build(), DefaultTyping.NON_FINAL, JsonTypeInfo.As.PROPERTY);
        }
        Set<String> secretHeaders = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        secretHeaders.addAll(List.of("Cookie", "Authorization", "Proxy-Authorization"));
        if (sessionHeader != null) {
            secretHeaders.add(sessionHeader);
        }
        return new AttributeTypes(mapper.build(), secretHeaders);
    }

    private static Pattern exactly(String className) {
        return Pattern.compile(Pattern.quote(className));
    }

    private static String packagePrefix(String entry) {
        String prefix = entry.substring(0, entry.length() - 1);
        boolean broad = prefix.chars().filter((c) -> c == '.').count() < 2
                || TOO_BROAD.stream().anyMatch((taken) -> prefix.startsWith(taken) || taken.startsWith(prefix));
        if (broad) {
            throw new IllegalArgumentException(PROPERTY + " names " + entry + ", which would allow classes that are"
                    + " not the application's own; name your own classes, or a package of them such as"
                    + " com.example.session.*");
        }
        return prefix;
    }

    private static Class<?> loadClass(String name, ClassLoader loader) {
        try {
            return ClassUtils.forName(name, loader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new IllegalArgumentException(PROPERTY + " names " + name
                    + ", which is not a class here; name a class, or a package as com.example.session.*", ex);
        }
    }

    @Override
    public JsonNode encode(String name, Object value) {
        Objects.requireNonNull(value, "value");
        if (isPlain(value)) {
            return this.plain.valueToTree(value);
        }
        JsonNode json;
        try {
            json = this.typed.valueToTree(new Holder(value)).get("v");
        }
        catch (JacksonException | IllegalArgumentException ex) {
            throw new SessionValueException("Session attribute '" + name + "' of type " + value.getClass().getName()
                    + " cannot be written as JSON: " + ex.getMessage(), ex);
        }
        try {
            read(json);
        }
        catch (JacksonException | IllegalArgumentException | LinkageError ex) {
            throw new SessionValueException("Session attribute '" + name + "' of type " + value.getClass().getName()
                    + " cannot be stored: its JSON would not read back as that type (" + ex.getMessage()
                    + "). Attribute types are read back only from an allow-list: add the class or its package to "
                    + PROPERTY, ex);
        }
        withoutSecrets(json);
        if (json instanceof ArrayNode wrapped && wrapped.size() == 2 && wrapped.get(0).isString()) {
            // How Jackson records the type of a collection or a scalar; kept as an object
            // so that a plain list
            // of two values can never be mistaken for it.
            ObjectNode envelope = JsonNodeFactory.instance.objectNode();
            envelope.set(TYPE, wrapped.get(0));
            envelope.set(VALUE, wrapped.get(1));
            json = envelope;
        }
        return TypeAliases.shorten(json);
    }

    @Override
    public @Nullable Object decode(String name, JsonNode json) {
        if (!(json instanceof ObjectNode stored) || !json.path(TYPE).isString()) {
            return this.plain.treeToValue(json, Object.class);
        }
        JsonNode recorded = TypeAliases.expand(stored.deepCopy());
        JsonNode type = recorded.get(TYPE);
        if (recorded.size() == 2 && recorded.has(VALUE)) {
            ArrayNode wrapped = JsonNodeFactory.instance.arrayNode();
            wrapped.add(type);
            wrapped.add(recorded.get(VALUE));
            recorded = wrapped;
        }
        try {
            return read(recorded);
        }
        catch (JacksonException | IllegalArgumentException | LinkageError ex) {
            String className = type.asString();
            if (this.warned.add(className)) {
                logger.warn(
                        "Session attribute '{}' of type {} reads as absent: the class is gone, no longer allowed"
                                + " ({}), or no longer reads its stored JSON: {}",
                        name, className, PROPERTY, ex.getMessage());
            }
            else {
                logger.debug("Session attribute '{}' of type {} reads as absent", name, className, ex);
            }
            return null;
        }
    }

    /**
     * Leaves out what Spring Security's saved request records of the visitor's
     * credentials: its cookies and the {@code Cookie}, {@code Authorization} and
     * session-token headers. They include the session's own token, which must not be
     * stored inside the session (the server keeps only its digest; on the cookie store
     * the cookie would hold itself). Going back after log-in needs the saved address,
     * method, parameters and other headers only.
     */
    private void withoutSecrets(JsonNode json) {
        if (json instanceof ObjectNode request && json.path(TYPE).asString("").equals(SAVED_REQUEST)) {
            if (request.get("cookies") instanceof ArrayNode cookies && cookies.size() == 2
                    && cookies.get(1) instanceof ArrayNode list) {
                list.removeAll();
            }
            if (request.get("headers") instanceof ObjectNode headers) {
                headers.propertyNames().stream().filter(this.secretHeaders::contains).toList().forEach(headers::remove);
            }
        }
    }

    private @Nullable Object read(JsonNode json) {
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.set("v", json);
        return this.typed.treeToValue(holder, Holder.class).value();
    }

    /** Values that plain JSON gives back as the same class. */
    private static boolean isPlain(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Double;
    }

    /**
     * Carries a value in a property of declared type {@code Object}, so that its type is
     * always recorded.
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE)
    record Holder(@JsonProperty("v") @Nullable Object value) {

        @JsonCreator
        Holder {
        }
    }

    /** Kept apart so that nothing of Spring Security loads when it is absent. */
    private static final class SecurityModules {

        static List<JacksonModule> modules(ClassLoader loader, BasicPolymorphicTypeValidator.Builder validator) {
            List<JacksonModule> modules = new ArrayList<>();
            if (ClassUtils.isPresent(SessionLimitExceptionMixin.TYPE, loader)) {
                modules.add(SessionLimitExceptionMixin.module(validator));
            }
            modules.addAll(org.springframework.security.jackson.SecurityJacksonModules.getModules(loader, validator));
            return modules;
        }

    }

}
