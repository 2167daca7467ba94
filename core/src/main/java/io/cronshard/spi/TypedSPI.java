package io.cronshard.spi;

/**
 * A pluggable implementation found with {@link java.util.ServiceLoader} by its type name
 * (sharding strategies, executor service handlers, error handlers). Register an implementation
 * in {@code META-INF/services/<interface name>}; it needs a public no-argument constructor.
 */
public interface TypedSPI {

    /**
     * @return the name configuration uses to choose this implementation, e.g. {@code AVG_ALLOCATION}
     */
    String getType();
}
