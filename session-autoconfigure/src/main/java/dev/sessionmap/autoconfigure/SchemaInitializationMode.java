package dev.sessionmap.autoconfigure;

/**
 * When the datastore store creates its table at start-up. Spring Boot's own
 * {@code DatabaseInitializationMode} has the same values, but lives in a module that only
 * applications with a database have, and these properties are bound in every application.
 */
public enum SchemaInitializationMode {

    /** Only on an embedded database (H2, HSQLDB, Derby). */
    EMBEDDED,

    /** On any database; the scripts use CREATE TABLE IF NOT EXISTS. */
    ALWAYS,

    /** Never; the table comes from the application's own migrations. */
    NEVER

}
