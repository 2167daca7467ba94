package io.cronshard.lifecycle;

import java.util.Collection;

/** Reads the jobs of a namespace: works from any JVM, without a job running in it. */
public interface JobStatisticsAPI extends AutoCloseable {

    /** @return how many jobs the namespace has */
    int getJobsTotalCount();

    /** @return every job, by name */
    Collection<JobBriefInfo> getAllJobsBriefInfo();

    /**
     * @param jobName a job
     * @return the job, or null when it does not exist
     */
    JobBriefInfo getJobBriefInfo(String jobName);

    /**
     * @param ip a server
     * @return the jobs that have this server, by name
     */
    Collection<JobBriefInfo> getJobsBriefInfo(String ip);

    /** Closes the connection when the API opened it (created from a server list); otherwise does nothing. */
    @Override
    void close();
}
