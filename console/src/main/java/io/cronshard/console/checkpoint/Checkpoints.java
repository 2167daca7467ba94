package io.cronshard.console.checkpoint;

import io.cronshard.console.registry.RegistryCenters;
import io.cronshard.lifecycle.CheckpointInfo;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobOperateAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Items' checkpoints: read one, clear one (its next run then starts afresh), through {@link JobOperateAPI}. Each clear
 * is logged at INFO with the user who asked and what was cleared (the console keeps no other record of operator
 * actions). The caller checks that the job and the item exist.
 */
@Service
public class Checkpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private final RegistryCenters registryCenters;

    Checkpoints(RegistryCenters registryCenters) {
        this.registryCenters = registryCenters;
    }

    /**
     * @param rc a registry center
     * @param job a job of it
     * @param item an item of the job
     * @return the item's checkpoint, null when it has none
     */
    public CheckpointView read(String rc, String job, int item) {
        try (JobOperateAPI api = JobAPIFactory.createJobOperateAPI(registryCenters.connection(rc))) {
            CheckpointInfo info = api.getCheckpoint(job, item);
            return info == null ? null : CheckpointView.of(info);
        }
    }

    /**
     * @param rc a registry center
     * @param job a job of it
     * @param item an item of the job
     * @param user who asks, for the log
     * @return whether the item had a checkpoint (now cleared)
     */
    public boolean clear(String rc, String job, int item, String user) {
        try (JobOperateAPI api = JobAPIFactory.createJobOperateAPI(registryCenters.connection(rc))) {
            CheckpointInfo cleared = api.getCheckpoint(job, item);
            boolean existed = api.clearCheckpoint(job, item);
            if (existed) {
                LOG.info("User '{}' cleared the checkpoint of job '{}' item {} (registry center '{}'){}", user, job, item, rc,
                        cleared == null ? "" : ": it was saved by " + (cleared.instanceId().isEmpty() ? "an unknown instance" : cleared.instanceId())
                                + " with fencing token " + cleared.fencingToken() + (cleared.savedAt() == null ? "" : " at " + cleared.savedAt())
                                + ", " + cleared.checkpoint().length() + " characters");
            }
            return existed;
        }
    }
}
