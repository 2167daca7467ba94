package io.cronshard.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link CronshardConfigurationException} (no server list, no bean of a job class, an invalid value). */
final class CronshardFailureAnalyzer extends AbstractFailureAnalyzer<CronshardConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CronshardConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }
}
