package dev.sessionmap.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when there is a Redis to run it against ({@link TestRedis});
 * otherwise every test is reported as skipped, with the reason, before any application
 * context starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledWithRedis.Condition.class)
@interface EnabledWithRedis {

    /** Decides from {@link TestRedis#available()}. */
    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return TestRedis.available() ? ConditionEvaluationResult.enabled("Redis at hand")
                    : ConditionEvaluationResult.disabled(TestRedis.UNAVAILABLE);
        }

    }

}
