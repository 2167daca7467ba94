package io.cronshard.lifecycle;

import java.util.Collection;

/** Reads the servers of a namespace across its jobs. */
public interface ServerStatisticsAPI {

    /** @return how many distinct servers the namespace's jobs have */
    int getServersTotalCount();

    /** @return every server, by ip */
    Collection<ServerBriefInfo> getAllServersBriefInfo();
}
