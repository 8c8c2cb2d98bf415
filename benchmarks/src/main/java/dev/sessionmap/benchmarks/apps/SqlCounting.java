package dev.sessionmap.benchmarks.apps;

import java.sql.Connection;

import javax.sql.DataSource;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Counts the SQL statements one request runs, when {@code bench.count-sql=true} (never
 * during throughput runs): the app's {@link DataSource} hands out counting connections, a
 * request that carries {@code X-Bench-Probe: <name>} records the statements its thread
 * runs, and {@code GET /bench/sql/<name>} returns them, one per line.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.count-sql", havingValue = "true")
class SqlCounting {

    @Bean
    SqlProbes sqlProbes() {
        return new SqlProbes();
    }

    @Bean
    static BeanPostProcessor countingDataSources(ObjectProvider<SqlProbes> probes) {
        return new BeanPostProcessor() {

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof DataSource)) {
                    return bean;
                }
                // A subclass proxy, so the bean keeps its type (HikariDataSource) for
                // whoever asks for it.
                ProxyFactory factory = new ProxyFactory(bean);
                factory.setProxyTargetClass(true);
                factory.addAdvice((MethodInterceptor) (invocation) -> {
                    Object result = invocation.proceed();
                    return (result instanceof Connection connection)
                            ? CountingConnections.wrap(connection, probes.getObject()::record) : result;
                });
                return factory.getProxy(bean.getClass().getClassLoader());
            }
        };
    }

    @Bean
    FilterRegistrationBean<SqlProbeFilter> sqlProbeFilter(SqlProbes probes) {
        FilterRegistrationBean<SqlProbeFilter> registration = new FilterRegistrationBean<>(new SqlProbeFilter(probes));
        // Outside every session filter, so their work before and after the handler is
        // counted.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    SqlProbeController sqlProbeController(SqlProbes probes) {
        return new SqlProbeController(probes);
    }

}
