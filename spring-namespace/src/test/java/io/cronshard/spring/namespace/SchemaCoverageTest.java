package io.cronshard.spring.namespace;

import io.cronshard.api.JobConfiguration;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every setter of {@link JobConfiguration.Builder} has its attribute (or element) in {@code <cronshard:job>}, documented. */
class SchemaCoverageTest {

    /** Builder methods whose XML name is not their kebab-case name. */
    private static final Map<String, String> RENAMED = Map.of("setProperty", "props", "tracing", "tracing-ref",
            "metrics", "metrics-ref", "alarms", "alarm-listener-ref");

    @Test
    void everyJobConfigurationFieldCanBeSetInXml() throws Exception {
        Set<String> jobAttributes = new HashSet<>();
        Set<String> elements = new HashSet<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/cronshard.xsd")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element schema = factory.newDocumentBuilder().parse(in).getDocumentElement();
            NodeList topLevel = schema.getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "element");
            for (int i = 0; i < topLevel.getLength(); i++) {
                Element element = (Element) topLevel.item(i);
                elements.add(element.getAttribute("name").isEmpty() ? element.getAttribute("ref") : element.getAttribute("name"));
                if ("job".equals(element.getAttribute("name"))) {
                    NodeList attributes = element.getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "attribute");
                    for (int j = 0; j < attributes.getLength(); j++) {
                        Element attribute = (Element) attributes.item(j);
                        assertThat(attribute.getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "documentation").getLength())
                                .as("documentation of %s", attribute.getAttribute("name")).isEqualTo(1);
                        jobAttributes.add(attribute.getAttribute("name"));
                    }
                }
            }
        }
        Set<String> named = new HashSet<>(jobAttributes);
        named.addAll(elements);
        String[] setters = Arrays.stream(JobConfiguration.Builder.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && method.getReturnType() == JobConfiguration.Builder.class)
                .map(Method::getName).distinct()
                .map(name -> RENAMED.getOrDefault(name, name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)))
                .toArray(String[]::new);
        assertThat(setters).contains("item-retries", "alarm-listener-ref");
        assertThat(named).contains(setters);
    }
}
