package io.cronshard.spring.boot;

import io.cronshard.api.JobConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every property the starter reads has IDE metadata (generated from CronshardProperties and the endpoint, or added by hand). */
class PropertyMetadataTest {

    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void everyObservabilityPropertyIsDescribed() throws IOException {
        List<String> names = new ArrayList<>();
        for (String file : List.of("META-INF/spring-configuration-metadata.json", "META-INF/additional-spring-configuration-metadata.json")) {
            try (InputStream in = CronshardProperties.class.getClassLoader().getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                Matcher name = NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (name.find()) {
                    names.add(name.group(1));
                }
            }
        }
        assertThat(names).contains("cronshard.metrics.enabled", "cronshard.metrics.item-tag", "management.health.cronshard.enabled",
                "management.endpoint.cronshard.access", "cronshard.enabled", "cronshard.reg-center.server-lists", "cronshard.tracing.type");
    }

    /**
     * The job properties live under a map key (the job name), which the metadata cannot list one by one: IDEs read them from
     * {@code CronshardProperties.JobProperties}, the type of {@code cronshard.jobs}. Every field of a job's configuration is
     * one of them, but those that are beans of the context for every job (tracing, metrics, alarms).
     */
    @Test
    void everyJobConfigurationFieldIsAJobProperty() throws IOException {
        try (InputStream in = CronshardProperties.class.getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("\"type\": \"java.util.Map<java.lang.String,io.cronshard.spring.boot.CronshardProperties$JobProperties>\"");
        }
        Set<String> contextWide = Set.of("tracing", "metrics", "alarms");
        String[] fields = Arrays.stream(JobConfiguration.Builder.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && method.getReturnType() == JobConfiguration.Builder.class)
                .map(Method::getName).map(name -> "setProperty".equals(name) ? "props" : name).filter(name -> !contextWide.contains(name))
                .distinct().toArray(String[]::new);
        List<String> properties = Arrays.stream(BeanUtils.getPropertyDescriptors(CronshardProperties.JobProperties.class))
                .filter(property -> property.getWriteMethod() != null).map(PropertyDescriptor::getName).toList();
        assertThat(fields).contains("itemRetries", "itemRetryBackoffMillis", "itemTimeoutMillis", "keepCheckpointOnSuccess");
        assertThat(properties).contains(fields);
    }
}
