/**
 * Metrics of job executions through a small hook, {@link io.cronshard.metrics.JobMetrics}, to bind to
 * the metrics library of the application (e.g. Micrometer).
 */
package io.cronshard.metrics;
