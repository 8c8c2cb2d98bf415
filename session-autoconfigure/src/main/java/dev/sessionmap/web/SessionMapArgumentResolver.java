package dev.sessionmap.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;

/**
 * Supplies {@link SessionMap} parameters of handler methods. Resolving one does not load
 * the session.
 */
public class SessionMapArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return SessionMap.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        SessionLifecycle lifecycle = (request != null) ? SessionFilter.lifecycle(request) : null;
        if (lifecycle == null) {
            throw new IllegalStateException("No session for this request: the sessionmap SessionFilter did not run."
                    + " It is registered automatically in a Spring Boot web application; with a hand-built MockMvc,"
                    + " add it with addFilters(...)");
        }
        return lifecycle.map();
    }

}
