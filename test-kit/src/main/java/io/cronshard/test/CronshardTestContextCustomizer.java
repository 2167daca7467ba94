package io.cronshard.test;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

import java.util.Map;

/**
 * Before the context is refreshed: starts its ZooKeeper, points the starter's properties at it, and registers the
 * {@link CronshardTestContext} bean (destroyed last, after the application's jobs and registry center) and the recorder
 * of the jobs of {@code cronshard.jobs}. All instances are equal: a test's context is cached like any other.
 */
final class CronshardTestContextCustomizer implements ContextCustomizer {

    static final String CONTEXT_BEAN = "cronshardTestContext";
    private static final String STARTER = "io.cronshard.spring.boot.JobConfigurationCustomizer";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        CronshardTestContext cronshard = CronshardTestContext.withOwnZookeeper();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("cronshardTest", Map.of(
                "cronshard.reg-center.server-lists", cronshard.zookeeper().connectString(),
                "cronshard.reg-center.namespace", cronshard.namespace())));
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(CONTEXT_BEAN, cronshard);
        // registered before any bean of the application, so destroyed after all of them
        ((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(CONTEXT_BEAN, cronshard::close);
        if (ClassUtils.isPresent(STARTER, context.getClassLoader())) {
            beanFactory.registerSingleton("cronshardTestRecorder", new ObservedStarterJobs(cronshard, (ListableBeanFactory) beanFactory));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronshardTestContextCustomizer;
    }

    @Override
    public int hashCode() {
        return CronshardTestContextCustomizer.class.hashCode();
    }
}
