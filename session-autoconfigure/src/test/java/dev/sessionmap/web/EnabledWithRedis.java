package dev.sessionmap.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when there is a Redis of the kind it names to run it against
 * ({@link TestRedis}); otherwise every test is reported as skipped, with the reason,
 * before any application context starts. A subclass of a Redis suite names another kind
 * to run the same tests on a cluster or through Sentinel.
 */
@Target(ElementType.TYPE)
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledWithRedis.Condition.class)
@interface EnabledWithRedis {

    /** The kind of Redis set-up the tests need. */
    TestRedis.Topology value() default TestRedis.Topology.STANDALONE;

    /** Decides from {@link TestRedis#available()}. */
    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            EnabledWithRedis needs = context.getRequiredTestClass().getAnnotation(EnabledWithRedis.class);
            String unavailable = TestRedis.unavailable((needs != null) ? needs.value() : TestRedis.Topology.STANDALONE);
            return (unavailable == null) ? ConditionEvaluationResult.enabled("Redis at hand")
                    : ConditionEvaluationResult.disabled(unavailable);
        }

    }

}
