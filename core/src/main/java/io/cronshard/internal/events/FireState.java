package io.cronshard.internal.events;

/** The states a fire goes through, as event tracing records them. */
public enum FireState {
    /** The fire decided which items to start here. */
    STAGING,
    /** The first of its items started. */
    RUNNING,
    /** Every item ended well (or none had to start). */
    FINISHED,
    /** An item failed, was not run, or the items could not be started. */
    ERROR
}
