package dev.sessionmap.autoconfigure;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.sessionmap.autoconfigure.SessionRevocationProperties.RevocationStore;

/**
 * Matches when {@code app.session.revocation.store} allows one place for the epochs:
 * names it, or is {@code auto}. Binds the property as its properties class does.
 */
abstract class RevocationStoreCondition extends SpringBootCondition {

    static final String PROPERTY = "app.session.revocation.store";

    private final RevocationStore place;

    RevocationStoreCondition(RevocationStore place) {
        this.place = place;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        RevocationStore configured = configured(context);
        return (configured == this.place || configured == RevocationStore.AUTO)
                ? ConditionOutcome.match(PROPERTY + " is " + configured)
                : ConditionOutcome.noMatch(PROPERTY + " is " + configured + ", not " + this.place);
    }

    static RevocationStore configured(ConditionContext context) {
        try {
            return Binder.get(context.getEnvironment())
                .bind(PROPERTY, RevocationStore.class)
                .orElse(RevocationStore.AUTO);
        }
        catch (BindException ex) {
            throw new InvalidConfigurationPropertyValueException(PROPERTY,
                    context.getEnvironment().getProperty(PROPERTY),
                    "Set it to one of: " + Arrays.stream(RevocationStore.values())
                        .map((store) -> store.name().toLowerCase())
                        .collect(Collectors.joining(", ")));
        }
    }

    /** The datastore, explicitly or by {@code auto}. */
    static final class Datastore extends RevocationStoreCondition {

        Datastore() {
            super(RevocationStore.DATASTORE);
        }

    }

    /** Redis, explicitly or by {@code auto}. */
    static final class Redis extends RevocationStoreCondition {

        Redis() {
            super(RevocationStore.REDIS);
        }

    }

}
