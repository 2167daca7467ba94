/**
 * Event tracing: {@link io.cronshard.tracing.TracingConfiguration#rdb(javax.sql.DataSource)} records
 * every item execution in {@code JOB_EXECUTION_LOG} and every state of every fire in
 * {@code JOB_STATUS_TRACE_LOG}; {@link io.cronshard.tracing.TracingQueryAPI} reads them back. See
 * {@code docs/tracing.md} for the tables and the failure behaviour.
 */
package io.cronshard.tracing;
