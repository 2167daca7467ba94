package io.cronshard.spi;

import java.util.Optional;
import java.util.Set;

/**
 * Resolves the pluggable type names a job configuration holds ({@code jobShardingStrategyType},
 * {@code jobExecutorServiceHandlerType}, {@code jobErrorHandlerType}, {@code jobListenerTypes}) to
 * the implementations on the class path. Cronshard provides the one implementation, found through
 * {@link java.util.ServiceLoader}: the configuration's builder checks names through it, so that the
 * API does not depend on the packages of the pluggable interfaces (which depend on the API).
 * Applications do not implement it.
 */
public interface TypeNameResolver {

    /**
     * @param field a pluggable-type field of the configuration
     * @param type the name it holds
     * @return the implementation's own spelling of the name, empty when no implementation has it
     */
    Optional<String> resolve(String field, String type);

    /**
     * @param field a pluggable-type field of the configuration
     * @return the names of the implementations on the class path
     */
    Set<String> known(String field);
}
