package io.cronshard.internal.signals;

/** Why a fire did not start an item it should have run. */
public enum MissedReason {
    /** The item still ran from an earlier fire (or between two tries), here or on its previous owner. */
    ITEM_RUNNING,
    /** The split gave the item to no live instance (seen by the leader). */
    NO_OWNER,
    /** The job, this server or the item is disabled. */
    DISABLED,
    /** This instance had no contact with ZooKeeper. */
    SUSPENDED
}
