package dev.sessionmap.benchmarks.apps;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * JDBC connections that report every statement they send: each {@code execute*} call
 * once, and each entry of a batch once.
 */
final class CountingConnections {

    private CountingConnections() {
    }

    static Connection wrap(Connection connection, Consumer<String> sink) {
        return (Connection) proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement) {
                // prepareStatement and prepareCall name their SQL first; createStatement
                // names none.
                String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : null;
                return wrap(statement, method.getReturnType(), sql, sink);
            }
            return result;
        });
    }

    private static Object wrap(Statement statement, Class<?> type, @Nullable String prepared, Consumer<String> sink) {
        List<String> batch = new ArrayList<>();
        return proxy(type, statement, (target, method, args) -> {
            String name = method.getName();
            String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : prepared;
            if (name.equals("addBatch")) {
                batch.add(String.valueOf(sql));
            }
            else if (name.equals("clearBatch")) {
                batch.clear();
            }
            else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                batch.forEach(sink);
                batch.clear();
            }
            else if (name.startsWith("execute")) {
                sink.accept(String.valueOf(sql));
            }
            return invoke(target, method, args);
        });
    }

    private static <T> Object proxy(Class<?> type, T target, Handler<T> handler) {
        InvocationHandler invocation = (proxy, method, args) -> switch (method.getName()) {
            case "equals" ->
                (method.getParameterCount() == 1) ? proxy == args[0] : handler.handle(target, method, args);
            case "hashCode" -> (method.getParameterCount() == 0) ? System.identityHashCode(proxy)
                    : handler.handle(target, method, args);
            default -> handler.handle(target, method, args);
        };
        return Proxy.newProxyInstance(CountingConnections.class.getClassLoader(), new Class<?>[] { type }, invocation);
    }

    private static @Nullable Object invoke(Object target, Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }

    @FunctionalInterface
    private interface Handler<T> {

        @Nullable Object handle(T target, Method method, Object @Nullable [] args) throws Throwable;

    }

}
