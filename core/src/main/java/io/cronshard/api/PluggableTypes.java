package io.cronshard.api;

import io.cronshard.spi.TypeNameResolver;

import java.util.ServiceLoader;

/**
 * Checks the pluggable type names of a configuration through the {@link TypeNameResolver} on
 * Cronshard's class path (found once).
 */
final class PluggableTypes {

    private static final TypeNameResolver RESOLVER = ServiceLoader.load(TypeNameResolver.class, PluggableTypes.class.getClassLoader())
            .findFirst().orElseThrow(() -> new IllegalStateException("Cronshard's type name resolver is missing from its class path"));

    private PluggableTypes() {
    }

    /**
     * @param field a pluggable-type field
     * @param type the type it names
     * @return the implementation's own spelling of the type name
     * @throws JobConfigurationException when no implementation has that type, naming the known ones
     */
    static String require(String field, String type) {
        return RESOLVER.resolve(field, type).orElseThrow(() -> JobConfigurationException.unknownType(field, type, RESOLVER.known(field)));
    }
}
