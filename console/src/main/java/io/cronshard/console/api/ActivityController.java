package io.cronshard.console.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.cronshard.console.activity.Activity;
import io.cronshard.console.activity.JobActivityService;
import io.cronshard.console.registry.RegistryCenters;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobBriefInfo;
import io.cronshard.lifecycle.JobStatisticsAPI;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cockpit's reads: the dashboard (every registry center at a glance, and one registry center's jobs over the
 * last hour or day from the event-trace database) and the activity columns of the jobs list and the job page
 * (last fire and result, next fire, failure signals, durations). All GET, open to every logged-in user; the
 * history-based values are null without an event-trace database, and {@code history.reason} says so.
 */
@RestController
@RequestMapping("/api")
public class ActivityController {

    private final RegistryCenters registryCenters;
    private final JobActivityService activity;

    ActivityController(RegistryCenters registryCenters, JobActivityService activity) {
        this.registryCenters = registryCenters;
        this.activity = activity;
    }

    /** Every registry center: jobs by health, items by status, instances and servers. */
    @GetMapping("/dashboard")
    Map<String, Object> overview() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("registryCenters", activity.overview());
        return result;
    }

    /** One registry center's jobs over {@code window} ({@code hour}, the default, or {@code day}), worst first. */
    @GetMapping("/registry-centers/{rc}/dashboard")
    Activity.Dashboard dashboard(@PathVariable String rc, @RequestParam(required = false) String window) {
        JobActivityService.Window chosen;
        try {
            chosen = window == null || window.isBlank() ? JobActivityService.Window.HOUR
                    : JobActivityService.Window.valueOf(window.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw ApiException.invalid(Map.of("window", "hour or day"));
        }
        registryCenters.connection(rc);
        return activity.dashboard(rc, chosen);
    }

    /** Every job's activity, by job name. */
    @GetMapping("/registry-centers/{rc}/activity")
    Activity.Jobs jobs(@PathVariable String rc) {
        return activity.jobs(rc);
    }

    /** One job's activity and its items'. */
    @GetMapping("/registry-centers/{rc}/jobs/{job}/activity")
    Activity.JobDetail job(@PathVariable String rc, @PathVariable String job) {
        JobBriefInfo brief;
        try (JobStatisticsAPI api = JobAPIFactory.createJobStatisticsAPI(registryCenters.connection(rc))) {
            brief = api.getJobBriefInfo(job);
        }
        if (brief == null) {
            throw ApiException.notFound("No job named '" + job + "'");
        }
        return activity.job(rc, brief);
    }
}
