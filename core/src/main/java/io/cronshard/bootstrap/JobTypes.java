package io.cronshard.bootstrap;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.internal.execution.ItemRunner;

/** Resolves job type names (SCRIPT, HTTP, …) to runners. */
final class JobTypes {

    private JobTypes() {
    }

    static ItemRunner runnerFor(String jobType, JobConfiguration config) {
        // job types arrive with the job-types feature; until then none is known
        throw JobConfigurationException.invalid("jobType", jobType, "known job types: []");
    }
}
