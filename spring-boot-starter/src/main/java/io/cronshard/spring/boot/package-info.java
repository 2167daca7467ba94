/**
 * Spring Boot auto-configuration of Cronshard from {@code cronshard.*} properties. See {@code docs/spring.md}.
 */
package io.cronshard.spring.boot;
