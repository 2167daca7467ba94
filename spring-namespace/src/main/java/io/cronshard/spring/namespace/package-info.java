/**
 * Cronshard's Spring XML namespace {@code http://cronshard.io/schema/cronshard}:
 * {@code <cronshard:zookeeper>} and {@code <cronshard:job>}. See {@code docs/spring.md}.
 */
package io.cronshard.spring.namespace;
