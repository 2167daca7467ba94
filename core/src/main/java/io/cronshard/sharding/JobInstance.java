package io.cronshard.sharding;

import java.util.Objects;

/**
 * One live instance of a job: a process (or, in tests, one bootstrap) that runs it.
 * Its id is {@code {ip}@-@{pid}}, with a suffix when one JVM runs the same job more than once.
 * Two instances are equal when their whole ids are equal.
 */
public final class JobInstance {

    /** Separates the server ip from the rest of an instance id. */
    public static final String DELIMITER = "@-@";

    private final String jobInstanceId;

    /**
     * @param jobInstanceId the instance id, {@code {ip}@-@{pid}[-n]}
     */
    public JobInstance(String jobInstanceId) {
        this.jobInstanceId = Objects.requireNonNull(jobInstanceId, "jobInstanceId");
    }

    /** @return the whole instance id */
    public String getJobInstanceId() {
        return jobInstanceId;
    }

    /** @return the ip part of the id: everything before the first {@value #DELIMITER} (IPv6 addresses included) */
    public String getServerIp() {
        int at = jobInstanceId.indexOf(DELIMITER);
        return at < 0 ? jobInstanceId : jobInstanceId.substring(0, at);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof JobInstance && jobInstanceId.equals(((JobInstance) o).jobInstanceId);
    }

    @Override
    public int hashCode() {
        return jobInstanceId.hashCode();
    }

    @Override
    public String toString() {
        return jobInstanceId;
    }
}
