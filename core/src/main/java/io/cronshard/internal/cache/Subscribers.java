package io.cronshard.internal.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The parts of a job that hear of its cache's changes, each for the paths it follows: a part that
 * fails is logged and the others still hear of the change.
 */
final class Subscribers {

    private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);

    private final String jobName;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    Subscribers(String jobName) {
        this.jobName = jobName;
    }

    void add(Predicate<String> filter, CacheListener listener) {
        subscriptions.add(new Subscription(filter, listener));
    }

    void changed(ChangeType type, String relative, CachedNode node, long zxid) {
        for (Subscription each : subscriptions) {
            if (each.filter.test(relative)) {
                try {
                    each.listener.nodeChanged(type, relative, node, zxid);
                } catch (RuntimeException ex) {
                    LOG.warn("A part of job '{}' failed on {} {}", jobName, type, relative, ex);
                }
            }
        }
    }

    void reloaded() {
        for (Subscription each : subscriptions) {
            try {
                each.listener.reloaded();
            } catch (RuntimeException ex) {
                LOG.warn("A part of job '{}' failed after a reload", jobName, ex);
            }
        }
    }

    private record Subscription(Predicate<String> filter, CacheListener listener) {
    }
}
