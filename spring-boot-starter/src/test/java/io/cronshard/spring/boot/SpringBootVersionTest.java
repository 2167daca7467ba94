package io.cronshard.spring.boot;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter's tests run on the Spring Boot the build asked for: 4.0.x by default, 4.1.x with -Pboot-4.1. */
class SpringBootVersionTest {

    @Test
    void theTestsRunOnTheSpringBootVersionOfTheBuild() {
        String expected = System.getProperty("cronshard.expected-spring-boot-version");
        System.out.println("Spring Boot " + SpringBootVersion.getVersion() + " (the build asks for " + expected + ")");
        assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
    }
}
