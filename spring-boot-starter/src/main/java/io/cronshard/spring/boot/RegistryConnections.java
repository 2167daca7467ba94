package io.cronshard.spring.boot;

import io.cronshard.reg.CoordinatorRegistryCenter;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.springframework.beans.factory.DisposableBean;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection of each registry center of the context to ZooKeeper, as Curator reports it: CONNECTED (and
 * RECONNECTED), SUSPENDED (no answer from ZooKeeper: nothing starts), LOST (the session expired or its timeout passed
 * while suspended; not yet re-established). Kept from Curator's connection-state events, so reading it costs nothing.
 * A registry center that is not Curator's (a {@link CoordinatorRegistryCenter} of the user's own) is not tracked.
 */
final class RegistryConnections implements DisposableBean {

    /** A connection's state, from best to worst. */
    enum State {
        /** In contact with ZooKeeper. */
        CONNECTED,
        /** No contact for now; the session may still be alive. */
        SUSPENDED,
        /** The session is gone and no new one is established yet. */
        LOST
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<CuratorFramework, ConnectionStateListener> listeners = new LinkedHashMap<>();

    /**
     * Starts listening; the state until the first event is Curator's current one.
     *
     * @param registryCenters the context's registry centers by bean name, initialised
     */
    RegistryConnections(Map<String, CoordinatorRegistryCenter> registryCenters) {
        registryCenters.forEach((name, regCenter) -> {
            if (regCenter.getRawClient() instanceof CuratorFramework client) {
                ConnectionStateListener listener = (ignored, newState) -> states.put(name, of(newState));
                client.getConnectionStateListenable().addListener(listener);
                // an event that arrived before the listener was added is reflected here; a later one overwrites this
                states.putIfAbsent(name, client.getZookeeperClient().isConnected() ? State.CONNECTED : State.SUSPENDED);
                listeners.put(client, listener);
            }
        });
    }

    private static State of(ConnectionState state) {
        return switch (state) {
            case CONNECTED, RECONNECTED, READ_ONLY -> State.CONNECTED;
            case SUSPENDED -> State.SUSPENDED;
            case LOST -> State.LOST;
        };
    }

    /** @return whether any registry center is tracked */
    boolean isTracked() {
        return !states.isEmpty();
    }

    /** @return the worst state of all registry centers; CONNECTED when none is tracked */
    State state() {
        State worst = State.CONNECTED;
        for (State each : states.values()) {
            worst = each.compareTo(worst) > 0 ? each : worst;
        }
        return worst;
    }

    /** @return each tracked registry center's state, by bean name */
    Map<String, State> states() {
        return Map.copyOf(states);
    }

    @Override
    public void destroy() {
        listeners.forEach((client, listener) -> client.getConnectionStateListenable().removeListener(listener));
        listeners.clear();
    }
}
