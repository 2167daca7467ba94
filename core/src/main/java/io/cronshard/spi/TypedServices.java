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
 *
 * <p>Scanning the class path for providers is what a lookup costs (every jar is searched for the
 * service file), and each job's start looks up several types: the providers Cronshard's own class
 * loader offers — what the class path holds, which does not change — are found once per service
 * interface and remembered with it ({@link ClassValue}); only the instances are new at each call. A
 * context class loader other than Cronshard's (an application server, a plugin) is scanned at each
 * call, as before.
 */
public final class TypedServices {

    /** The providers Cronshard's own class loader offers, per service interface, by type name. */
    private static final ClassValue<Map<String, ServiceLoader.Provider<?>>> OWN_PROVIDERS = new ClassValue<>() {
        @Override
        protected Map<String, ServiceLoader.Provider<?>> computeValue(Class<?> spi) {
            Map<String, ServiceLoader.Provider<?>> result = new TreeMap<>();
            ServiceLoader.load(spi, TypedServices.class.getClassLoader()).stream()
                    .forEach(provider -> result.putIfAbsent(((TypedSPI) provider.get()).getType().toUpperCase(Locale.ROOT), provider));
            return java.util.Collections.unmodifiableMap(result);
        }
    };

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
        if (loader != null && loader != TypedServices.class.getClassLoader()) {
            ServiceLoader.load(spi, loader).forEach(each -> result.putIfAbsent(each.getType().toUpperCase(Locale.ROOT), each));
        }
        OWN_PROVIDERS.get(spi).forEach((type, provider) -> result.putIfAbsent(type, spi.cast(provider.get())));
        return result;
    }
}
