package dev.sessionmap.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

/**
 * Creates the session table from the schema file for the database in use
 * ({@code dev/sessionmap/store/jpa/schema-<platform>.sql}); MariaDB uses the MySQL file. Spring Boot
 * runs it before JPA starts, like its own {@code schema.sql}.
 */
public class SessionSchemaInitializer extends DataSourceScriptDatabaseInitializer {

    /** Where the schema files are; {@code @@platform@@} is h2, postgresql or mysql. */
    public static final String SCHEMA_LOCATION = "classpath:dev/sessionmap/store/jpa/schema-@@platform@@.sql";

    public SessionSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode) {
        super(dataSource, settings(dataSource, mode));
    }

    private static DatabaseInitializationSettings settings(DataSource dataSource, DatabaseInitializationMode mode) {
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        List<String> locations = new PlatformPlaceholderDatabaseDriverResolver()
            .withDriverPlatform(DatabaseDriver.MARIADB, "mysql")
            .resolveAll(dataSource, SCHEMA_LOCATION);
        settings.setSchemaLocations(locations);
        settings.setMode(mode);
        return settings;
    }
}
