package io.cronshard.api.listener;

import io.cronshard.spi.TypedSPI;

/**
 * A {@link JobListener} named in a configuration ({@code jobListenerTypes}) rather than passed
 * to the bootstrap: found through {@link java.util.ServiceLoader} by {@link #getType()}, listed
 * in {@code META-INF/services/io.cronshard.api.listener.TypedJobListener}. Each job instance
 * gets its own listener object.
 */
public interface TypedJobListener extends JobListener, TypedSPI {
}
