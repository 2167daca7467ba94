package io.cronshard.spring.namespace;

import org.springframework.context.support.GenericXmlApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ByteArrayResource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/** Contexts from inline XML: the header, the namespace declarations and a property placeholder are added. */
final class XmlContexts {

    private static final String HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="http://www.springframework.org/schema/beans"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xmlns:context="http://www.springframework.org/schema/context"
                   xmlns:cronshard="http://cronshard.io/schema/cronshard"
                   xsi:schemaLocation="http://www.springframework.org/schema/beans https://www.springframework.org/schema/beans/spring-beans.xsd
                     http://www.springframework.org/schema/context https://www.springframework.org/schema/context/spring-context.xsd
                     http://cronshard.io/schema/cronshard http://cronshard.io/schema/cronshard/cronshard.xsd">
                <context:property-placeholder/>
            """;

    private XmlContexts() {
    }

    /** Loads and refreshes; {@code beforeRefresh} may register singletons. */
    static GenericXmlApplicationContext start(String beans, Map<String, Object> properties,
                                              Consumer<GenericXmlApplicationContext> beforeRefresh) {
        GenericXmlApplicationContext context = new GenericXmlApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        beforeRefresh.accept(context);
        context.load(new ByteArrayResource((HEADER + beans + "\n</beans>").getBytes(StandardCharsets.UTF_8), "inline XML"));
        try {
            context.refresh();
        } catch (RuntimeException ex) {
            context.close();
            throw ex;
        }
        return context;
    }

    static GenericXmlApplicationContext start(String beans, Map<String, Object> properties) {
        return start(beans, properties, context -> { });
    }
}
