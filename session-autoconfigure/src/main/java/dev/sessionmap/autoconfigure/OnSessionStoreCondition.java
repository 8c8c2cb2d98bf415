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

/**
 * The condition behind {@link ConditionalOnSessionStore}: binds {@code app.session.store}
 * as its properties do.
 */
final class OnSessionStoreCondition extends SpringBootCondition {

    static final String PROPERTY = "app.session.store";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        StoreType wanted = metadata.getAnnotations()
            .get(ConditionalOnSessionStore.class)
            .getEnum("value", StoreType.class);
        StoreType configured = configured(Binder.get(context.getEnvironment()), context);
        return (configured == wanted) ? ConditionOutcome.match(PROPERTY + " is " + wanted.value())
                : ConditionOutcome.noMatch(PROPERTY + " is " + configured.value() + ", not " + wanted.value());
    }

    private static StoreType configured(Binder binder, ConditionContext context) {
        try {
            return binder.bind(PROPERTY, StoreType.class).orElse(StoreType.DATASTORE);
        }
        catch (BindException ex) {
            throw new InvalidConfigurationPropertyValueException(PROPERTY,
                    context.getEnvironment().getProperty(PROPERTY),
                    "It names no store. Set it to one of: " + Arrays.stream(StoreType.values())
                        .map(StoreType::value)
                        .collect(Collectors.joining(", ")));
        }
    }

}
