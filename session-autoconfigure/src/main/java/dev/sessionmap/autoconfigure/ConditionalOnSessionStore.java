package dev.sessionmap.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code app.session.store} names this store ({@code datastore} when unset),
 * in any of Boot's relaxed spellings ({@code secure-cookie}, {@code SECURE_COOKIE}); a
 * value naming no store fails start-up.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnSessionStoreCondition.class)
@interface ConditionalOnSessionStore {

    StoreType value();

}
