package dev.sessionmap.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Turns Spring MVC's {@code ServletRequestHandledEvent} off by default while the servlet
 * session is the visitor's sessionmap session (a Spring MVC application whose sessionmap
 * auto-configuration is not excluded). Publishing it asks every request for its session's
 * id and user (through Spring Security, the logged-in user), which would load the session
 * on pages that never use it. An application that listens for the event sets
 * {@code spring.mvc.publish-request-handled-events=true}; this default is the last
 * property source, so any setting of its own wins.
 */
public class RequestHandledEventsDefault implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "spring.mvc.publish-request-handled-events";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ClassLoader loader = application.getClassLoader();
        boolean servletMvc = ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", loader)
                && ClassUtils.isPresent("jakarta.servlet.http.HttpSession", loader);
        String excluded = environment.getProperty("spring.autoconfigure.exclude", "");
        if (servletMvc && !excluded.contains(SessionAutoConfiguration.class.getName())
                && environment.getProperty("app.session.http-session.enabled", Boolean.class, true)) {
            environment.getPropertySources()
                .addLast(new MapPropertySource("sessionmapDefaults", Map.of(PROPERTY, "false")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

}
