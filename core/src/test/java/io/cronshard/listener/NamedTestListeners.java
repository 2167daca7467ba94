package io.cronshard.listener;

import io.cronshard.api.listener.ShardingContexts;
import io.cronshard.api.listener.TypedJobListener;

/** Listener types that do nothing, so that configuration tests can name them. */
public final class NamedTestListeners {

    private NamedTestListeners() {
    }

    private abstract static class Named implements TypedJobListener {

        @Override
        public void beforeJobExecuted(ShardingContexts shardingContexts) {
        }

        @Override
        public void afterJobExecuted(ShardingContexts shardingContexts) {
        }
    }

    /** {@code audit}. */
    public static final class Audit extends Named {
        @Override
        public String getType() {
            return "AUDIT";
        }
    }

    /** {@code metrics}. */
    public static final class Metrics extends Named {
        @Override
        public String getType() {
            return "METRICS";
        }
    }

    /** {@code a}. */
    public static final class A extends Named {
        @Override
        public String getType() {
            return "A";
        }
    }

    /** {@code b}. */
    public static final class B extends Named {
        @Override
        public String getType() {
            return "B";
        }
    }

    /** {@code c}. */
    public static final class C extends Named {
        @Override
        public String getType() {
            return "C";
        }
    }
}
