package io.cronshard.spring.namespace;

import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.xml.AbstractBeanDefinitionParser;
import org.springframework.beans.factory.xml.ParserContext;
import org.springframework.util.StringUtils;
import org.w3c.dom.Element;

/** {@code <cronshard:zookeeper>}: a {@link ZookeeperRegistryCenter} bean connected by the context and closed with it. */
final class ZookeeperBeanDefinitionParser extends AbstractBeanDefinitionParser {

    private static final String[][] OPTIONAL = {
            {"base-sleep-time-milliseconds", "baseSleepTimeMilliseconds"},
            {"max-sleep-time-milliseconds", "maxSleepTimeMilliseconds"},
            {"max-retries", "maxRetries"},
            {"session-timeout-milliseconds", "sessionTimeoutMilliseconds"},
            {"connection-timeout-milliseconds", "connectionTimeoutMilliseconds"},
            {"digest", "digest"},
    };

    @Override
    protected AbstractBeanDefinition parseInternal(Element element, ParserContext parserContext) {
        BeanDefinitionBuilder config = BeanDefinitionBuilder.rootBeanDefinition(ZookeeperConfiguration.class)
                .addConstructorArgValue(element.getAttribute("server-lists"))
                .addConstructorArgValue(element.getAttribute("namespace"));
        for (String[] each : OPTIONAL) {
            String value = element.getAttribute(each[0]);
            if (StringUtils.hasText(value)) {
                config.addPropertyValue(each[1], value);
            }
        }
        return BeanDefinitionBuilder.rootBeanDefinition(ZookeeperRegistryCenter.class)
                .addConstructorArgValue(config.getBeanDefinition())
                .setInitMethodName("init")
                .setDestroyMethodName("close")
                .getBeanDefinition();
    }
}
