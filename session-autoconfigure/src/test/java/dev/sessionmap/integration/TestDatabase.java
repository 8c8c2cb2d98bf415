package dev.sessionmap.integration;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.tools.Server;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A database for one integration suite: a schema (PostgreSQL) or database (MariaDB, H2)
 * of the suite's own, dropped afterwards, so suites running at the same time on a shared
 * server never meet. The server is a Testcontainers container where Docker is available,
 * else the one {@code .ci/run} names in {@code SESSIONMAP_POSTGRES_URL}/{@code _USER} or
 * {@code SESSIONMAP_MARIADB_URL}/{@code _USER}; with neither, the suite is skipped with
 * the reason.
 */
final class TestDatabase implements AutoCloseable {

    private static final Pattern SERVER_URL = Pattern
        .compile("^(jdbc:[a-z0-9]+:(?:tcp:)?//)([^/:?;]+)(?::(\\d+))?(.*)$");

    private static @Nullable Boolean docker;

    final String name;

    final String url;

    final String username;

    final String password;

    private final AutoCloseable drop;

    private TestDatabase(String name, String url, String username, String password, AutoCloseable drop) {
        this.name = name;
        this.url = url;
        this.username = username;
        this.password = password;
        this.drop = drop;
    }

    /**
     * H2 over its TCP server, so the suite's connections can be cut like a remote
     * database's.
     */
    static TestDatabase h2() {
        try {
            Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + suiteName() + ";DB_CLOSE_DELAY=-1";
            return new TestDatabase("H2", url, "sa", "", server::stop);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static TestDatabase postgresql() {
        Source server = source("PostgreSQL", "SESSIONMAP_POSTGRES",
                () -> new PostgreSQLContainer("postgres:17-alpine"));
        String schema = suiteName();
        server.execute("CREATE SCHEMA " + schema);
        String url = server.url + (server.url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase("PostgreSQL", url, server.username, server.password, () -> {
            server.execute("DROP SCHEMA " + schema + " CASCADE");
            server.close();
        });
    }

    static TestDatabase mariadb() {
        Source server = source("MariaDB", "SESSIONMAP_MARIADB",
                () -> new MariaDBContainer("mariadb:11").withUsername("root"));
        String database = suiteName();
        server.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        Matcher parts = SERVER_URL.matcher(server.url);
        if (!parts.matches()) {
            throw new IllegalStateException("Not a server JDBC URL: " + server.url);
        }
        String tail = parts.group(4).replaceFirst("^/[^?;]*", "");
        String url = parts.group(1) + parts.group(2) + ((parts.group(3) != null) ? ":" + parts.group(3) : "") + "/"
                + database + tail;
        return new TestDatabase("MariaDB", url, server.username, server.password, () -> {
            server.execute("DROP DATABASE " + database);
            server.close();
        });
    }

    /** Where the server listens. */
    InetSocketAddress server() {
        Matcher parts = matcher();
        int port = (parts.group(3) != null) ? Integer.parseInt(parts.group(3)) : defaultPort();
        return new InetSocketAddress(parts.group(2), port);
    }

    /**
     * The suite's URL with the server replaced by {@code 127.0.0.1:port}, a
     * {@link dev.sessionmap.web.TcpProxy}.
     */
    String urlThrough(int port) {
        Matcher parts = matcher();
        return parts.group(1) + "127.0.0.1:" + port + parts.group(4);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(this.url, this.username, this.password);
    }

    @Override
    public void close() throws Exception {
        this.drop.close();
    }

    private Matcher matcher() {
        Matcher parts = SERVER_URL.matcher(this.url);
        if (!parts.matches()) {
            throw new IllegalStateException("Not a server JDBC URL: " + this.url);
        }
        return parts;
    }

    private int defaultPort() {
        return switch (this.name) {
            case "PostgreSQL" -> 5432;
            case "MariaDB" -> 3306;
            default -> 9092;
        };
    }

    private static String suiteName() {
        return "sessionmap_it_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private static synchronized boolean docker() {
        if (docker == null) {
            // Testcontainers' own probe; without a Docker engine it answers in well under
            // a second.
            docker = DockerClientFactory.instance().isDockerAvailable();
        }
        return docker;
    }

    private static Source source(String name, String variable, Supplier<JdbcDatabaseContainer<?>> container) {
        if (docker()) {
            JdbcDatabaseContainer<?> started = container.get();
            started.start();
            return new Source(started.getJdbcUrl(), started.getUsername(), started.getPassword(), started::stop);
        }
        String url = System.getenv(variable + "_URL");
        if (url == null || url.isBlank()) {
            abort(name + " is not available: no Docker for Testcontainers, and " + variable
                    + "_URL is not set (.ci/run sets it when " + name + " is running)");
        }
        String user = System.getenv(variable + "_USER");
        String password = System.getenv(variable + "_PASSWORD");
        return new Source(url, (user != null) ? user : "", (password != null) ? password : "", () -> {
        });
    }

    /** A database server and an account that may create schemas on it. */
    private record Source(String url, String username, String password, AutoCloseable stop) implements AutoCloseable {

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            catch (SQLException ex) {
                throw new IllegalStateException(sql + " failed on " + this.url + ": " + ex.getMessage(), ex);
            }
        }

        @Override
        public void close() throws Exception {
            this.stop.close();
        }
    }

}
