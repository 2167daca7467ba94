package io.cronshard.internal.spi;

import io.cronshard.api.JobConfigurationException;
import io.cronshard.spi.TypedSPI;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds {@link TypedSPI} implementations by type name through {@link ServiceLoader}; every
 * call creates new instances, so stateful implementations are never shared between jobs.
 */
public final class TypedServices {

    private TypedServices() {
    }

    /**
     * @param spi the service interface
     * @param type the type name, compared case-insensitively
     * @param field the configuration field that named the type, for the error message
     * @param <T> the service type
     * @return a new instance of the implementation
     * @throws JobConfigurationException when no implementation has that type, naming the known ones
     */
    public static <T extends TypedSPI> T find(Class<T> spi, String type, String field) {
        Map<String, T> all = load(spi);
        T found = type == null ? null : all.get(type.trim().toUpperCase(java.util.Locale.ROOT));
        if (found == null) {
            throw JobConfigurationException.invalid(field, type, "known types: " + all.keySet());
        }
        return found;
    }

    /**
     * @param spi the service interface
     * @param type the type name
     * @param <T> the service type
     * @return whether an implementation of that type is on the class path
     */
    public static <T extends TypedSPI> boolean exists(Class<T> spi, String type) {
        return type != null && load(spi).containsKey(type.trim().toUpperCase(java.util.Locale.ROOT));
    }

    private static <T extends TypedSPI> Map<String, T> load(Class<T> spi) {
        Map<String, T> result = new TreeMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader != null) {
            ServiceLoader.load(spi, loader).forEach(each -> result.putIfAbsent(key(each), each));
        }
        ServiceLoader.load(spi, TypedServices.class.getClassLoader()).forEach(each -> result.putIfAbsent(key(each), each));
        return result;
    }

    private static String key(TypedSPI service) {
        return service.getType().toUpperCase(java.util.Locale.ROOT);
    }
}
