package io.cronshard.console.api;

import java.security.Principal;

import io.cronshard.console.checkpoint.CheckpointView;
import io.cronshard.console.checkpoint.Checkpoints;
import io.cronshard.console.registry.RegistryCenters;
import io.cronshard.lifecycle.JobBriefInfo;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An item's checkpoint: read it (every logged-in user, like the dump that shows it too) and clear it (ADMIN, enforced in
 * the security filter like every method but GET), so that the item's next run starts afresh.
 */
@RestController
@RequestMapping("/api/registry-centers/{rc}/jobs/{job}/items/{item}/checkpoint")
public class CheckpointController {

    private final RegistryCenters registryCenters;
    private final Checkpoints checkpoints;

    CheckpointController(RegistryCenters registryCenters, Checkpoints checkpoints) {
        this.registryCenters = registryCenters;
        this.checkpoints = checkpoints;
    }

    @GetMapping
    CheckpointView read(@PathVariable String rc, @PathVariable String job, @PathVariable int item) {
        requireItem(rc, job, item);
        CheckpointView result = checkpoints.read(rc, job, item);
        if (result == null) {
            throw noCheckpoint(job, item);
        }
        return result;
    }

    @DeleteMapping
    ResponseEntity<Void> clear(@PathVariable String rc, @PathVariable String job, @PathVariable int item, Principal user) {
        requireItem(rc, job, item);
        if (!checkpoints.clear(rc, job, item, user == null ? "?" : user.getName())) {
            throw noCheckpoint(job, item);
        }
        return ResponseEntity.noContent().build();
    }

    private void requireItem(String rc, String job, int item) {
        JobBriefInfo brief = JobLookup.brief(registryCenters.connection(rc), job);
        JobLookup.requireItem(brief, item);
    }

    private static ApiException noCheckpoint(String job, int item) {
        return ApiException.notFound("Item " + item + " of job '" + job + "' has no checkpoint");
    }
}
