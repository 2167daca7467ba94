package io.cronshard.spring.boot;

import org.junit.jupiter.api.Test;

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
}
