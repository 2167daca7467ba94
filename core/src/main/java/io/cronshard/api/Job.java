package io.cronshard.api;

/**
 * Marker interface of every job Cronshard can schedule. Implement one of its sub-interfaces,
 * {@link SimpleJob} or {@link DataflowJob}.
 */
public interface Job {
}
