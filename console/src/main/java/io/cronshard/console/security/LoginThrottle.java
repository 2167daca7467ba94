package io.cronshard.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.cronshard.console.ConsoleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses logins for a while after repeated failures: {@code maxFailuresPerUser} failed logins for one user
 * name, or {@code maxFailuresPerClient} from one client address, within {@code lockSeconds} lock that user name
 * (or address) for {@code lockSeconds}, whatever the password tried next. Each lock-out is logged once at WARN.
 * A successful login clears its user's and its address's failures. Memory is bounded: at most {@code maxTracked}
 * user names and as many addresses are remembered, the least recently seen forgotten first. Thread-safe.
 */
public final class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final Tracker users;
    private final Tracker clients;
    private final Duration lock;
    private final Clock clock;

    /**
     * @param properties {@code cronshard.console.login-throttle.*}
     * @param clock the time
     */
    public LoginThrottle(ConsoleProperties.LoginThrottle properties, Clock clock) {
        this.lock = Duration.ofSeconds(Math.max(1, properties.getLockSeconds()));
        this.clock = clock;
        int maxTracked = Math.max(16, properties.getMaxTracked());
        this.users = new Tracker("user", Math.max(1, properties.getMaxFailuresPerUser()), maxTracked);
        this.clients = new Tracker("client address", Math.max(1, properties.getMaxFailuresPerClient()), maxTracked);
    }

    /**
     * @param username the user name tried
     * @param client the client address
     * @return until when the login is refused, or null when it may be tried
     */
    public Instant lockedUntil(String username, String client) {
        Instant now = clock.instant();
        Instant user = users.lockedUntil(key(username), now);
        Instant address = clients.lockedUntil(client, now);
        if (user == null) {
            return address;
        }
        return address == null || user.isAfter(address) ? user : address;
    }

    /**
     * A login failed (wrong password or unknown user).
     *
     * @param username the user name tried
     * @param client the client address
     */
    public void failed(String username, String client) {
        Instant now = clock.instant();
        users.failed(key(username), now, lock, client);
        clients.failed(client, now, lock, client);
    }

    /**
     * A login succeeded: its user's and address's failures are forgotten.
     *
     * @param username the user
     * @param client the client address
     */
    public void succeeded(String username, String client) {
        users.forget(key(username));
        clients.forget(client);
    }

    /** @return how many user names and addresses are remembered (tests) */
    int tracked() {
        return users.size() + clients.size();
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    /** Failures per key in an access-ordered map that forgets the least recently seen key beyond its bound. */
    private static final class Tracker {

        private final String what;
        private final int maxFailures;
        private final Map<String, Entry> entries;

        Tracker(String what, int maxFailures, int maxTracked) {
            this.what = what;
            this.maxFailures = maxFailures;
            this.entries = new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                    return size() > maxTracked;
                }
            };
        }

        synchronized Instant lockedUntil(String key, Instant now) {
            if (key == null) {
                return null;
            }
            Entry entry = entries.get(key);
            if (entry == null || entry.lockedUntil == null) {
                return null;
            }
            if (!now.isBefore(entry.lockedUntil)) {
                entries.remove(key);
                return null;
            }
            return entry.lockedUntil;
        }

        synchronized void failed(String key, Instant now, Duration lock, String client) {
            if (key == null) {
                return;
            }
            Entry entry = entries.get(key);
            if (entry == null || (entry.lockedUntil == null && now.isAfter(entry.firstFailure.plus(lock)))
                    || (entry.lockedUntil != null && !now.isBefore(entry.lockedUntil))) {
                entry = new Entry(now);
                entries.put(key, entry);
            }
            if (entry.lockedUntil != null) {
                return;
            }
            entry.failures++;
            if (entry.failures >= maxFailures) {
                entry.lockedUntil = now.plus(lock);
                LOG.warn("Logins for {} '{}' refused for {} s after {} failed logins in a row (the last from {})", what, key, lock.toSeconds(),
                        entry.failures, client);
            }
        }

        synchronized void forget(String key) {
            if (key != null) {
                Entry entry = entries.get(key);
                if (entry != null && entry.lockedUntil == null) {
                    entries.remove(key);
                }
            }
        }

        synchronized int size() {
            return entries.size();
        }
    }

    private static final class Entry {

        private final Instant firstFailure;
        private int failures;
        private Instant lockedUntil;

        Entry(Instant firstFailure) {
            this.firstFailure = firstFailure;
        }
    }
}
