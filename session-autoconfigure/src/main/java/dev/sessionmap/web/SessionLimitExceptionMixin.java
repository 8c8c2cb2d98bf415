package dev.sessionmap.web;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.module.SimpleModule;

/**
 * How the exception of a log-in refused by Spring Security's session limit
 * ({@code maxSessionsPreventsLogin(true)}) is kept in the session for the log-in page to
 * show: its message only, as Spring Security keeps a {@code BadCredentialsException};
 * never the log-in request, which holds the password. Spring Security's own Jackson
 * modules do not cover it, and without it the refused log-in would fail to save its
 * session.
 */
@JsonIgnoreProperties(ignoreUnknown = true, value = { "cause", "stackTrace", "suppressed", "localizedMessage",
        "suppressedExceptions", "authenticationRequest" })
abstract class SessionLimitExceptionMixin {

    static final String TYPE = "org.springframework.security.web.authentication.session.SessionAuthenticationException";

    @JsonCreator
    SessionLimitExceptionMixin(@JsonProperty("message") String message) {
    }

    /**
     * Allows exactly the session limit's exception in {@code validator}, and the module
     * that writes it as its message; call only when Spring Security's web classes are
     * present.
     */
    static JacksonModule module(BasicPolymorphicTypeValidator.Builder validator) {
        validator.allowIfSubType(Pattern.compile(Pattern.quote(TYPE)));
        SimpleModule module = new SimpleModule("sessionmap-session-limit");
        module.setMixInAnnotation(
                org.springframework.security.web.authentication.session.SessionAuthenticationException.class,
                SessionLimitExceptionMixin.class);
        return module;
    }

}
