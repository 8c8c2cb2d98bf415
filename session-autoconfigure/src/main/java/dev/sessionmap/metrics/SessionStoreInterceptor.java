package dev.sessionmap.metrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.SessionStore;

/**
 * Sees every call to a {@link SessionStore} through a proxy that implements each store
 * interface the store implements ({@code ServerSessionStore},
 * {@code PurgeableSessionStore}, {@code PrincipalSessionStore}, or one added later) and
 * forwards every method, so that wrapping a store never hides what it offers.
 */
public abstract class SessionStoreInterceptor implements InvocationHandler {

    private final SessionStore delegate;

    protected SessionStoreInterceptor(SessionStore delegate) {
        this.delegate = delegate;
    }

    /** The store this intercepts. */
    protected final SessionStore delegate() {
        return this.delegate;
    }

    /** A proxy of the store that sends every call through this interceptor. */
    public final SessionStore proxy() {
        Class<?> type = this.delegate.getClass();
        return (SessionStore) Proxy.newProxyInstance(type.getClassLoader(), storeInterfaces(type), this);
    }

    @Override
    public final @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> getClass().getSimpleName() + "[" + this.delegate + "]";
            };
        }
        return intercept(method, (args != null) ? args : new Object[0]);
    }

    /**
     * Handles one call to the store: {@link #proceed} runs it.
     */
    protected abstract @Nullable Object intercept(Method method, @Nullable Object[] args) throws Throwable;

    /** Runs the call on the store, throwing what the store threw. */
    protected final @Nullable Object proceed(Method method, @Nullable Object[] args) throws Throwable {
        try {
            return method.invoke(this.delegate, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }

    /**
     * The store under any interceptors' proxies: what a store bean was before it was
     * wrapped.
     */
    public static SessionStore unwrap(SessionStore store) {
        SessionStore current = store;
        while (Proxy.isProxyClass(current.getClass())
                && Proxy.getInvocationHandler(current) instanceof SessionStoreInterceptor interceptor) {
            current = interceptor.delegate;
        }
        return current;
    }

    private static Class<?>[] storeInterfaces(Class<?> type) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            Arrays.stream(current.getInterfaces())
                .filter(SessionStore.class::isAssignableFrom)
                .forEach(interfaces::add);
        }
        interfaces.add(SessionStore.class);
        return interfaces.toArray(Class<?>[]::new);
    }

}
