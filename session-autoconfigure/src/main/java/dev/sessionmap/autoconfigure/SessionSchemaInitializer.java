package dev.sessionmap.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sessionmap.store.jdbc.SessionTable;

/**
 * Creates the session table from the schema file for the database in use
 * ({@code dev/sessionmap/store/jdbc/schema-<platform>.sql}; MariaDB uses the MySQL file),
 * writing the configured table name in place of the file's placeholders
 * ({@value SessionTable#TABLE_PLACEHOLDER} and the index names). A table created by an
 * earlier sessionmap is upgraded first (see {@link SessionTableUpgrade}). Spring Boot
 * runs it before JPA starts, like its own {@code schema.sql}, and only as
 * {@code app.session.datastore.initialize-schema} allows.
 */
public class SessionSchemaInitializer extends DataSourceScriptDatabaseInitializer {

    /** Where the schema files are; {@code @@platform@@} is h2, postgresql or mysql. */
    public static final String SCHEMA_LOCATION = "classpath:dev/sessionmap/store/jdbc/schema-@@platform@@.sql";

    private static final Logger logger = LoggerFactory.getLogger(SessionSchemaInitializer.class);

    private final DataSource dataSource;

    private final SessionTable table;

    private final boolean sessionTable;

    public SessionSchemaInitializer(DataSource dataSource, SessionTable table, DatabaseInitializationMode mode) {
        this(dataSource, table, mode, SCHEMA_LOCATION);
    }

    /**
     * Creates another of the library's tables (the epoch table of secure-cookie
     * revocation) from the schema files at {@code location}, {@code @@platform@@}
     * standing for the database; only the session table is ever upgraded.
     */
    public SessionSchemaInitializer(DataSource dataSource, SessionTable table, DatabaseInitializationMode mode,
            String location) {
        super(dataSource, settings(dataSource, mode, location));
        this.dataSource = dataSource;
        this.table = table;
        this.sessionTable = SCHEMA_LOCATION.equals(location);
    }

    @Override
    protected void runScripts(Scripts scripts) {
        Charset encoding = (scripts.getEncoding() != null) ? scripts.getEncoding() : StandardCharsets.UTF_8;
        List<Resource> resolved = new ArrayList<>();
        for (Resource script : scripts) {
            try {
                String sql = this.table.resolve(script.getContentAsString(encoding));
                resolved.add(new ByteArrayResource(sql.getBytes(encoding), script.getDescription()));
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read " + script.getDescription(), ex);
            }
        }
        // First, as the create script would fail on an old table: it indexes the new
        // column.
        if (this.sessionTable) {
            upgrade(encoding);
        }
        super.runScripts(new Scripts(resolved).continueOnError(scripts.isContinueOnError())
            .separator(scripts.getSeparator())
            .encoding(encoding));
    }

    /**
     * Adds what a table created by an earlier sessionmap lacks (the create script leaves
     * an existing table as it is).
     */
    private void upgrade(Charset encoding) {
        List<String> missing = SessionTableUpgrade.missingColumns(this.dataSource, this.table);
        String platform = missing.isEmpty() ? null : SessionTableUpgrade.platform(this.dataSource);
        if (platform == null) {
            return;
        }
        List<String> statements = SessionTableUpgrade.statements(platform, this.table, missing);
        logger.info("Upgrading the session table {}, created by an earlier sessionmap without {}: {}", this.table,
                String.join(" and ", missing), String.join(" ", statements));
        byte[] script = String.join("\n", statements).getBytes(encoding);
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
                new ByteArrayResource(script, "upgrade of " + this.table));
        populator.setSqlScriptEncoding(encoding.name());
        // One transaction: on PostgreSQL, whose DDL is transactional, an upgrade that
        // fails leaves the table as it was, to be upgraded whole at the next start.
        new TransactionTemplate(new DataSourceTransactionManager(this.dataSource))
            .executeWithoutResult((status) -> DatabasePopulatorUtils.execute(populator, this.dataSource));
    }

    private static DatabaseInitializationSettings settings(DataSource dataSource, DatabaseInitializationMode mode,
            String location) {
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        List<String> locations = new PlatformPlaceholderDatabaseDriverResolver()
            .withDriverPlatform(DatabaseDriver.MARIADB, "mysql")
            .resolveAll(dataSource, location);
        settings.setSchemaLocations(locations);
        settings.setMode(mode);
        return settings;
    }

}
