package dev.sessionmap.health;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Up when the session table answers a query that reads no row, so that the check costs
 * the same with a million sessions as with none.
 */
public class DatastoreHealthIndicator extends AbstractHealthIndicator {

    private final JdbcTemplate jdbc;

    private final String table;

    private final String query;

    public DatastoreHealthIndicator(DataSource dataSource, String table, Duration timeout) {
        super("The session table could not be queried");
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        this.table = table;
        this.query = "SELECT 1 FROM " + table + " WHERE 1 = 0";
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        this.jdbc.queryForList(this.query);
        builder.up().withDetail("store", "datastore").withDetail("table", this.table);
    }

}
