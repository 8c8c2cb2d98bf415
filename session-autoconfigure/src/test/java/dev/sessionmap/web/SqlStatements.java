package dev.sessionmap.web;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records every SQL statement the application's {@link DataSource} executes, whoever
 * sends it (Hibernate or plain JDBC). Import {@link Registration} to wrap the context's
 * data source.
 */
public final class SqlStatements {

    private static final Queue<String> statements = new ConcurrentLinkedQueue<>();

    private SqlStatements() {
    }

    public static void reset() {
        statements.clear();
    }

    public static List<String> all() {
        return List.copyOf(statements);
    }

    /** Each statement's first word, upper case, in the order they ran. */
    public static List<String> verbs() {
        return statements.stream().map((sql) -> sql.trim().split("\\s+")[0].toUpperCase(Locale.ROOT)).toList();
    }

    /**
     * How many statements of each kind ran: the verb, with {@code " FOR UPDATE"} for
     * locking reads.
     */
    public static Map<String, Long> countsByKind() {
        Map<String, Long> counts = new TreeMap<>();
        for (String sql : statements) {
            String lower = sql.trim().toLowerCase(Locale.ROOT);
            String kind = lower.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            if (lower.contains(" for update") || lower.contains(" for no key update")) {
                kind += " FOR UPDATE";
            }
            counts.merge(kind, 1L, Long::sum);
        }
        return counts;
    }

    /**
     * Wraps the context's data sources so that their connections report what they
     * execute.
     */
    @Configuration(proxyBeanMethods = false)
    public static class Registration {

        @Bean
        static BeanPostProcessor sqlStatementsRecorder() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return (bean instanceof DataSource dataSource && !(bean instanceof Recording))
                            ? new Recording(dataSource) : bean;
                }
            };
        }

    }

    private static final class Recording extends DelegatingDataSource {

        Recording(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }

        private static Connection connection(Connection connection) {
            return (Connection) proxy(Connection.class, connection, (method, args, result) -> {
                if (result instanceof Statement statement) {
                    // prepareStatement and prepareCall name their SQL; createStatement
                    // names it on execute.
                    String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : null;
                    return statement(statement, method.getReturnType(), sql);
                }
                return result;
            });
        }

        private static Object statement(Statement statement, Class<?> type, @Nullable String prepared) {
            return proxy(type, statement, (method, args, result) -> {
                String name = method.getName();
                // A batch entry counts once, like a statement of its own.
                if (name.equals("addBatch") || (name.startsWith("execute") && !name.endsWith("Batch"))) {
                    String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : prepared;
                    statements.add(String.valueOf(sql));
                }
                return result;
            });
        }

        private static Object proxy(Class<?> type, Object target, AfterCall afterCall) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                    return invoke(target, method, args);
                }
                return afterCall.apply(method, args, invoke(target, method, args));
            };
            return Proxy.newProxyInstance(SqlStatements.class.getClassLoader(), new Class<?>[] { type }, handler);
        }

        private static @Nullable Object invoke(Object target, Method method, Object @Nullable [] args)
                throws Throwable {
            try {
                return method.invoke(target, args);
            }
            catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
        }

    }

    @FunctionalInterface
    private interface AfterCall {

        @Nullable Object apply(Method method, Object @Nullable [] args, @Nullable Object result) throws Throwable;

    }

}
