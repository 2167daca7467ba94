package io.cronshard.internal.lifecycle;

import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.RegistryCenterException;
import org.apache.curator.framework.CuratorFramework;

/**
 * Base of the operations APIs: holds the registry center and closes it when the API opened it.
 */
abstract class RegistryBackedAPI implements AutoCloseable {

    protected final CoordinatorRegistryCenter regCenter;
    private final boolean owned;

    RegistryBackedAPI(CoordinatorRegistryCenter regCenter, boolean owned) {
        this.regCenter = regCenter;
        this.owned = owned;
    }

    protected CuratorFramework client() {
        Object raw = regCenter.getRawClient();
        if (!(raw instanceof CuratorFramework)) {
            throw new RegistryCenterException("The operations API needs a ZooKeeper registry center");
        }
        return (CuratorFramework) raw;
    }

    /** Closes the registry center when this API opened it. */
    @Override
    public void close() {
        if (owned) {
            regCenter.close();
        }
    }
}
