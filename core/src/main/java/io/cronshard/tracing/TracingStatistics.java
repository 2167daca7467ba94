package io.cronshard.tracing;

/**
 * What the writer of one {@link TracingConfiguration} did since it was created: a snapshot.
 *
 * @param written rows stored in the database
 * @param dropped rows dropped because the queue was full (the database was slow or down)
 * @param failed rows lost because writing them failed (their batch is not retried)
 * @param queued rows waiting for the writer now
 */
public record TracingStatistics(long written, long dropped, long failed, int queued) {
}
