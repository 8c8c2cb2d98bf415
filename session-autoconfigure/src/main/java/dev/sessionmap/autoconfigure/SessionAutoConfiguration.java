package dev.sessionmap.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.sessionmap.core.PrincipalEpochs;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.SessionListener;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.UserSessions;
import dev.sessionmap.web.AttributeTypes;
import dev.sessionmap.web.SessionCookies;
import dev.sessionmap.web.SessionFilter;
import dev.sessionmap.web.SessionHeader;
import dev.sessionmap.web.SessionMapArgumentResolver;
import dev.sessionmap.web.SessionStoreExceptionResolver;

/**
 * Runs a {@link SessionMap} session around every Spring MVC request on whichever
 * {@link SessionStore} the store auto-configurations (or the application) provide.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, SessionMap.class })
@EnableConfigurationProperties(SessionProperties.class)
public final class SessionAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(SessionAutoConfiguration.class);

    /**
     * Runs before Spring Security and most application filters, after character encoding.
     */
    static final int FILTER_ORDER = Integer.MIN_VALUE + 50;

    @Bean
    @ConditionalOnMissingBean
    SessionCodec sessionCodec() {
        return SessionCodec.withDefaults();
    }

    @Bean
    @ConditionalOnMissingBean
    SessionSettings sessionSettings(SessionProperties properties, Environment environment) {
        if (properties.isBindToIp()
                && "framework".equalsIgnoreCase(environment.getProperty("server.forward-headers-strategy"))) {
            // The framework strategy takes the left-most X-Forwarded-For entry, which the
            // client writes itself.
            logger.warn("app.session.bind-to-ip=true with server.forward-headers-strategy=framework binds sessions to"
                    + " an address the client chooses; use server.forward-headers-strategy=native with"
                    + " server.tomcat.remoteip.internal-proxies naming your proxies, or a proxy that overwrites"
                    + " X-Forwarded-For");
        }
        return properties.toSettings();
    }

    @Bean
    @ConditionalOnMissingBean
    SessionCookies sessionCookies(SessionProperties properties, ObjectProvider<Clock> clock) {
        return new SessionCookies(properties.getCookie().toSettings(), clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    SessionFilter sessionFilter(ObjectProvider<SessionStore> store, ObjectProvider<SessionStoreDecorator> decorators,
            SessionCodec codec, SessionSettings settings, ObjectProvider<Clock> clock, SessionCookies cookies,
            SessionProperties properties, SessionHooks hooks, ApplicationContext context) {
        SessionStore sessionStore = SessionStoreDecorator.applyAll(store.getIfUnique(() -> {
            throw new NoSessionStoreException(properties.getStore(), context.getClassLoader());
        }), decorators);
        String headerName = properties.getHeaderName();
        SessionHeader header = StringUtils.hasText(headerName) ? new SessionHeader(headerName.strip()) : null;
        HttpSessionProperties httpSession = properties.getHttpSession();
        AttributeTypes attributeTypes = httpSession.isEnabled() ? AttributeTypes.allowing(httpSession.getAllowedTypes(),
                Objects.requireNonNullElse(context.getClassLoader(), SessionAutoConfiguration.class.getClassLoader()),
                (header != null) ? header.name() : null) : null;
        SessionFilter filter = new SessionFilter(sessionStore, codec, settings, clock.getIfUnique(Clock::systemUTC),
                cookies, header, attributeTypes);
        filter.setHooks(hooks);
        return filter;
    }

    /**
     * The application's {@link SessionListener}s, behind the one that publishes
     * {@link dev.sessionmap.core.SessionEvent}s as application events, and its
     * {@link PrincipalEpochs}, if any.
     */
    @Bean
    @ConditionalOnMissingBean
    SessionHooks sessionHooks(ApplicationEventPublisher publisher, ObjectProvider<SessionListener> listeners,
            ObjectProvider<PrincipalEpochs> epochs) {
        return new SessionHooks(new SessionListeners(publisher, listeners.orderedStream().toList()),
                epochs.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    UserSessions userSessions(ObjectProvider<SessionStore> store, ObjectProvider<SessionStoreDecorator> decorators,
            ObjectProvider<Clock> clock, SessionHooks hooks, SessionProperties properties, ApplicationContext context) {
        SessionStore sessionStore = SessionStoreDecorator.applyAll(store.getIfUnique(() -> {
            throw new NoSessionStoreException(properties.getStore(), context.getClassLoader());
        }), decorators);
        return new UserSessions(sessionStore, clock.getIfUnique(Clock::systemUTC), hooks,
                SessionFilter::currentLifecycle);
    }

    @Bean
    @ConditionalOnMissingBean(name = "sessionFilterRegistration")
    FilterRegistrationBean<SessionFilter> sessionFilterRegistration(SessionFilter filter) {
        FilterRegistrationBean<SessionFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(FILTER_ORDER);
        // Error pages too, so that one asking for the servlet session sees the visitor's,
        // not a new container one.
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    WebMvcConfigurer sessionMapWebMvcConfigurer() {
        return new WebMvcConfigurer() {

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new SessionMapArgumentResolver());
            }

            @Override
            public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
                resolvers.add(0, new SessionStoreExceptionResolver());
            }
        };
    }

}
