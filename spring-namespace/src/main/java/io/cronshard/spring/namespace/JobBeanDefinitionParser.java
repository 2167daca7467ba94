package io.cronshard.spring.namespace;

import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.ManagedList;
import org.springframework.beans.factory.support.ManagedMap;
import org.springframework.beans.factory.xml.AbstractBeanDefinitionParser;
import org.springframework.beans.factory.xml.ParserContext;
import org.springframework.util.StringUtils;
import org.springframework.util.xml.DomUtils;
import org.w3c.dom.Element;

import java.util.List;

/**
 * {@code <cronshard:job>}: a {@link ScheduleJobBootstrap} bean (with a cron) or a
 * {@link OneOffJobBootstrap} bean (without), named by the job's id. Scheduled jobs are started by
 * one {@link ScheduledJobsLifecycle} per context once it is refreshed.
 */
final class JobBeanDefinitionParser extends AbstractBeanDefinitionParser {

    /** Attributes copied into the job's configuration; the rest are handled here. */
    private static final List<String> CONFIGURATION_ATTRIBUTES = List.of("sharding-total-count", "cron", "time-zone",
            "sharding-item-parameters", "job-parameter", "monitor-execution", "failover", "misfire", "max-time-diff-seconds",
            "reconcile-interval-minutes", "job-sharding-strategy-type", "job-executor-service-handler-type",
            "job-error-handler-type", "job-listener-types", "description", "disabled", "overwrite", "item-retries",
            "item-retry-backoff-millis", "item-timeout-millis", "keep-checkpoint-on-success");

    /** Attributes naming beans local to this JVM ({@link LocalHooks}), never stored in ZooKeeper. */
    private static final List<String> LOCAL_HOOK_ATTRIBUTES = List.of("tracing-ref", "metrics-ref", "alarm-listener-ref");

    @Override
    protected AbstractBeanDefinition parseInternal(Element element, ParserContext parserContext) {
        String jobName = element.getAttribute(ID_ATTRIBUTE);
        BeanDefinitionBuilder bootstrap = BeanDefinitionBuilder.rootBeanDefinition(JobBeans.class);
        boolean scheduled = StringUtils.hasText(element.getAttribute("cron"));
        bootstrap.getRawBeanDefinition().setFactoryMethodName(scheduled ? "scheduleJobBootstrap" : "oneOffJobBootstrap");
        bootstrap.addConstructorArgValue(jobName);
        bootstrap.addConstructorArgReference(element.getAttribute("registry-center-ref"));
        bootstrap.addConstructorArgValue(jobBody(element, parserContext));
        bootstrap.addConstructorArgValue(element.hasAttribute("job-type") ? element.getAttribute("job-type") : null);
        bootstrap.addConstructorArgValue(configuration(element));
        bootstrap.addConstructorArgValue(props(element));
        bootstrap.addConstructorArgValue(listeners(element, parserContext));
        bootstrap.addConstructorArgValue(localHooks(element));
        bootstrap.setDestroyMethodName("shutdown");
        if (scheduled) {
            ScheduledJobsLifecycle.register(jobName, parserContext.getRegistry());
        }
        return bootstrap.getBeanDefinition();
    }

    private static Object jobBody(Element element, ParserContext parserContext) {
        int given = 0;
        for (String each : List.of("job-ref", "job-class", "job-type")) {
            given += element.hasAttribute(each) ? 1 : 0;
        }
        if (given != 1) {
            parserContext.getReaderContext().error("<cronshard:job id=\"" + element.getAttribute(ID_ATTRIBUTE)
                    + "\"> needs exactly one of job-ref, job-class and job-type", element);
        }
        if (element.hasAttribute("job-ref")) {
            return new RuntimeBeanReference(element.getAttribute("job-ref"));
        }
        if (element.hasAttribute("job-class")) {
            return innerBean(element.getAttribute("job-class"));
        }
        return null;
    }

    private static BeanDefinition innerBean(String className) {
        AbstractBeanDefinition inner = BeanDefinitionBuilder.genericBeanDefinition(className).getBeanDefinition();
        inner.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
        return inner;
    }

    private static ManagedMap<String, String> configuration(Element element) {
        ManagedMap<String, String> result = new ManagedMap<>();
        for (String each : CONFIGURATION_ATTRIBUTES) {
            if (element.hasAttribute(each)) {
                result.put(each, element.getAttribute(each));
            }
        }
        return result;
    }

    /** The beans named by the {@code *-ref} attributes of local hooks, by attribute; the bootstrap depends on each. */
    private static ManagedMap<String, Object> localHooks(Element element) {
        ManagedMap<String, Object> result = new ManagedMap<>();
        for (String each : LOCAL_HOOK_ATTRIBUTES) {
            if (element.hasAttribute(each)) {
                result.put(each, new RuntimeBeanReference(element.getAttribute(each)));
            }
        }
        return result;
    }

    private static ManagedMap<String, String> props(Element element) {
        ManagedMap<String, String> result = new ManagedMap<>();
        Element props = DomUtils.getChildElementByTagName(element, "props");
        if (props != null) {
            for (Element each : DomUtils.getChildElementsByTagName(props, "prop")) {
                result.put(each.getAttribute("key"), DomUtils.getTextValue(each).trim());
            }
        }
        return result;
    }

    private static ManagedList<Object> listeners(Element element, ParserContext parserContext) {
        ManagedList<Object> result = new ManagedList<>();
        for (Element each : DomUtils.getChildElementsByTagName(element, "listener")) {
            boolean hasRef = each.hasAttribute("ref");
            if (hasRef == each.hasAttribute("class")) {
                parserContext.getReaderContext().error("<cronshard:listener> of job '" + element.getAttribute(ID_ATTRIBUTE)
                        + "' needs exactly one of ref and class", each);
            }
            result.add(hasRef ? new RuntimeBeanReference(each.getAttribute("ref")) : innerBean(each.getAttribute("class")));
        }
        return result;
    }

    @Override
    protected boolean shouldGenerateId() {
        return false;
    }
}
