package dev.sessionmap.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

import dev.sessionmap.core.SessionMap;
import dev.sessionmap.web.SessionCookies;
import dev.sessionmap.web.SessionMapFlashMapManager;

/**
 * Keeps Spring MVC flash attributes in the {@link SessionMap} instead of an
 * {@code HttpSession}. Runs before Spring Boot's MVC auto-configuration, whose own flash
 * map manager backs off from a bean named
 * {@value DispatcherServlet#FLASH_MAP_MANAGER_BEAN_NAME}.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class, before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, SessionMap.class, WebMvcAutoConfiguration.class })
@ConditionalOnBean(SessionCookies.class)
public final class SessionFlashMapAutoConfiguration {

    @Bean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
    @ConditionalOnMissingBean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
    SessionMapFlashMapManager flashMapManager(SessionCookies cookies) {
        return new SessionMapFlashMapManager(cookies);
    }

}
