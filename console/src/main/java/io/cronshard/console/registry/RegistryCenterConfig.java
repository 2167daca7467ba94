package io.cronshard.console.registry;

/**
 * A registry center the console connects to. The digest stays on the console's machine (its
 * remembered file is readable by its owner only) and is never written to ZooKeeper nor returned
 * by the API (design note 20, docs/design-notes.md).
 *
 * @param name        the name shown on the page and used in API paths
 * @param serverLists ZooKeeper servers, "host:port,…"
 * @param namespace   the namespace the jobs live in
 * @param digest      "user:password" or null
 */
public record RegistryCenterConfig(String name, String serverLists, String namespace, String digest) {
}
