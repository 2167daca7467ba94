package io.cronshard.internal.events;

/** Why a fire runs. */
public enum ExecutionSource {
    /** The cron fired. */
    NORMAL,
    /** A fire missed while the item still ran is made up. */
    MISFIRE,
    /** Items of a crashed instance run here. */
    FAILOVER,
    /** An operator or the one-off bootstrap asked for a run now. */
    MANUAL
}
