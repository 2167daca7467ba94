package io.cronshard.lifecycle;

import java.util.Collection;

/** Reads the servers of a namespace across its jobs. */
public interface ServerStatisticsAPI extends AutoCloseable {

    /** @return how many distinct servers the namespace's jobs have */
    int getServersTotalCount();

    /** @return every server, by ip */
    Collection<ServerBriefInfo> getAllServersBriefInfo();

    /** Closes the connection when the API opened it (created from a server list); otherwise does nothing. */
    @Override
    void close();
}
