package io.cronshard.internal.cache;

/** What changed in the cache. */
public enum ChangeType { CREATED, UPDATED, DELETED }
