package io.cronshard.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds {@link TypedSPI} implementations by type name through {@link ServiceLoader} (the thread's
 * context class loader first, then Cronshard's own); every call creates new instances, so stateful
 * implementations are never shared between jobs. When two implementations have one name, the first
 * found wins.
 */
public final class TypedServices {

    private TypedServices() {
    }

    /**
     * @param spi the service interface
     * @param type the type name, compared case-insensitively
     * @param <T> the service type
     * @return a new instance of the implementation of that type, empty when there is none
     */
    public static <T extends TypedSPI> Optional<T> find(Class<T> spi, String type) {
        return type == null ? Optional.empty() : Optional.ofNullable(load(spi).get(type.trim().toUpperCase(Locale.ROOT)));
    }

    /**
     * @param spi the service interface
     * @return the type names of its implementations on the class path, upper-case, sorted
     */
    public static Set<String> types(Class<? extends TypedSPI> spi) {
        return load(spi).keySet();
    }

    private static <T extends TypedSPI> Map<String, T> load(Class<T> spi) {
        Map<String, T> result = new TreeMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader != null) {
            ServiceLoader.load(spi, loader).forEach(each -> result.putIfAbsent(each.getType().toUpperCase(Locale.ROOT), each));
        }
        ServiceLoader.load(spi, TypedServices.class.getClassLoader()).forEach(each -> result.putIfAbsent(each.getType().toUpperCase(Locale.ROOT), each));
        return result;
    }
}
