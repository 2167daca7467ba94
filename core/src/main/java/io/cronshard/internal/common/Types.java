package io.cronshard.internal.common;

import io.cronshard.api.JobConfigurationException;
import io.cronshard.spi.TypedSPI;
import io.cronshard.spi.TypedServices;

/** Looks up a pluggable type a configuration names, refusing an unknown one with the names there are. */
public final class Types {

    private Types() {
    }

    /**
     * @param spi the service interface
     * @param type the type name
     * @param field the configuration field that named it, for the message
     * @param <T> the service type
     * @return a new instance of the implementation
     * @throws JobConfigurationException when no implementation has that type, naming the known ones
     */
    public static <T extends TypedSPI> T require(Class<T> spi, String type, String field) {
        return TypedServices.find(spi, type).orElseThrow(() -> JobConfigurationException.unknownType(field, type, TypedServices.types(spi)));
    }
}
