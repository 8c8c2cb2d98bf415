package dev.sessionmap.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the {@link javax.sql.DataSource} the datastore store keeps sessions in, when it
 * is not the application's only or {@code @Primary} one, as {@code @FlywayDataSource}
 * does for Flyway:
 *
 * <pre>{@code
 * &#64;Bean
 *

&#64;SessionDataSource
 * DataSource sessionDataSource() {
 *     return DataSourceBuilder.create().url("jdbc:postgresql://sessions-db/app").build();
 * }
 * }</pre>
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface SessionDataSource {

}
