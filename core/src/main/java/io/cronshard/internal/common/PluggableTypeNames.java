package io.cronshard.internal.common;

import io.cronshard.api.listener.TypedJobListener;
import io.cronshard.executor.JobErrorHandler;
import io.cronshard.executor.JobExecutorServiceHandler;
import io.cronshard.sharding.JobShardingStrategy;
import io.cronshard.spi.TypeNameResolver;
import io.cronshard.spi.TypedSPI;
import io.cronshard.spi.TypedServices;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Cronshard's {@link TypeNameResolver}: each pluggable-type field and the interface it names. */
public final class PluggableTypeNames implements TypeNameResolver {

    private static final Map<String, Class<? extends TypedSPI>> SPI_OF_FIELD = Map.of(
            "jobShardingStrategyType", JobShardingStrategy.class,
            "jobExecutorServiceHandlerType", JobExecutorServiceHandler.class,
            "jobErrorHandlerType", JobErrorHandler.class,
            "jobListenerTypes", TypedJobListener.class);

    @Override
    public Optional<String> resolve(String field, String type) {
        return TypedServices.find(spiOf(field), type).map(TypedSPI::getType);
    }

    @Override
    public Set<String> known(String field) {
        return TypedServices.types(spiOf(field));
    }

    private static Class<? extends TypedSPI> spiOf(String field) {
        Class<? extends TypedSPI> spi = SPI_OF_FIELD.get(field);
        if (spi == null) {
            throw new IllegalArgumentException("'" + field + "' is not a pluggable-type field");
        }
        return spi;
    }
}
