package io.cronshard.spring.namespace;

import org.springframework.beans.factory.xml.NamespaceHandlerSupport;

/** The handler of {@code http://cronshard.io/schema/cronshard}, listed in {@code META-INF/spring.handlers}. */
public final class CronshardNamespaceHandler extends NamespaceHandlerSupport {

    @Override
    public void init() {
        registerBeanDefinitionParser("zookeeper", new ZookeeperBeanDefinitionParser());
        registerBeanDefinitionParser("job", new JobBeanDefinitionParser());
    }
}
