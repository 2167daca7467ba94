package io.cronshard.spring.boot;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the {@code cronshard} contributor into the {@code readiness} health group that Spring Boot's availability probes
 * define ({@code /actuator/health/readiness}), so that Kubernetes stops routing to a pod whose instances lost ZooKeeper.
 * Only when the application does not list the group's members itself
 * ({@code management.endpoint.health.group.readiness.include}): then its list is taken as it is.
 * Runs after Boot's probes post-processor (both are ordered last; this one is registered after it).
 */
@Order(Ordered.LOWEST_PRECEDENCE)
final class ReadinessGroupIncludesCronshard implements HealthEndpointGroupsPostProcessor {

    static final String GROUP = "readiness";
    static final String INCLUDE_PROPERTY = "management.endpoint.health.group." + GROUP + ".include";

    private final Environment environment;

    ReadinessGroupIncludesCronshard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        HealthEndpointGroup readiness = groups.get(GROUP);
        if (readiness == null || readiness.isMember(CronshardHealthAutoConfiguration.CONTRIBUTOR)
                || Binder.get(environment).bind(INCLUDE_PROPERTY, Bindable.listOf(String.class)).map(List::size).orElse(0) > 0) {
            return groups;
        }
        Map<String, HealthEndpointGroup> result = new LinkedHashMap<>();
        for (String name : groups.getNames()) {
            result.put(name, name.equals(GROUP) ? new WithCronshard(readiness) : groups.get(name));
        }
        return HealthEndpointGroups.of(groups.getPrimary(), result);
    }

    /** The group as it was, plus {@code cronshard}. */
    private record WithCronshard(HealthEndpointGroup group) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return CronshardHealthAutoConfiguration.CONTRIBUTOR.equals(name) || group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
