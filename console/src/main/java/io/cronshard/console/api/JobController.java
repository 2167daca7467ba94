package io.cronshard.console.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cronshard.api.JobConfiguration;
import io.cronshard.console.registry.RegistryCenters;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobBriefInfo;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.lifecycle.JobStatisticsAPI;
import io.cronshard.lifecycle.ServerBriefInfo;
import io.cronshard.lifecycle.ServerStatisticsAPI;
import io.cronshard.lifecycle.ShardingInfo;
import io.cronshard.lifecycle.ShardingOperateAPI;
import io.cronshard.lifecycle.ShardingStatisticsAPI;
import io.cronshard.reg.CoordinatorRegistryCenter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs and servers of one registry center, over {@code io.cronshard.lifecycle}. Reads are open to
 * every logged-in user; every other method needs the ADMIN role (enforced in the security filter).
 */
@RestController
@RequestMapping("/api/registry-centers/{rc}")
public class JobController {

    private static final int MAX_DUMP_NODES = 5000;
    private static final long INSTANCE_DUMP_TIMEOUT_MILLIS = 5000;

    private final RegistryCenters registryCenters;

    JobController(RegistryCenters registryCenters) {
        this.registryCenters = registryCenters;
    }

    // ---------------------------------------------------------------- jobs

    @GetMapping("/jobs")
    List<JobBriefInfo> jobs(@PathVariable String rc) {
        try (JobStatisticsAPI api = JobAPIFactory.createJobStatisticsAPI(regCenter(rc))) {
            return api.getAllJobsBriefInfo().stream().sorted(Comparator.comparing(JobBriefInfo::jobName)).toList();
        }
    }

    @GetMapping("/jobs/{job}")
    Map<String, Object> job(@PathVariable String rc, @PathVariable String job) {
        CoordinatorRegistryCenter regCenter = regCenter(rc);
        JobBriefInfo brief = brief(regCenter, job);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("job", brief);
        result.put("items", items(regCenter, job));
        result.put("instances", instances(regCenter, job));
        try (ServerStatisticsAPI api = JobAPIFactory.createServerStatisticsAPI(regCenter)) {
            result.put("servers", api.getAllServersBriefInfo().stream().filter(each -> each.jobNames().contains(job))
                    .map(ServerBriefInfo::serverIp).sorted().toList());
        }
        return result;
    }

    @GetMapping("/jobs/{job}/items")
    List<ShardingInfo> items(@PathVariable String rc, @PathVariable String job) {
        CoordinatorRegistryCenter regCenter = regCenter(rc);
        brief(regCenter, job);
        return items(regCenter, job);
    }

    @PostMapping("/jobs/{job}/trigger")
    ResponseEntity<Void> trigger(@PathVariable String rc, @PathVariable String job) {
        return operate(rc, job, api -> api.trigger(job));
    }

    @PostMapping("/jobs/{job}/disable")
    ResponseEntity<Void> disable(@PathVariable String rc, @PathVariable String job, @RequestParam(required = false) String server) {
        return operate(rc, job, api -> api.disable(job, blankToNull(server)));
    }

    @PostMapping("/jobs/{job}/enable")
    ResponseEntity<Void> enable(@PathVariable String rc, @PathVariable String job, @RequestParam(required = false) String server) {
        return operate(rc, job, api -> api.enable(job, blankToNull(server)));
    }

    @PostMapping("/jobs/{job}/shutdown")
    ResponseEntity<Void> shutdown(@PathVariable String rc, @PathVariable String job, @RequestParam(required = false) String server) {
        return operate(rc, job, api -> api.shutdown(job, blankToNull(server)));
    }

    @DeleteMapping("/jobs/{job}")
    ResponseEntity<Void> remove(@PathVariable String rc, @PathVariable String job, @RequestParam(required = false) String server) {
        return operate(rc, job, api -> api.remove(job, blankToNull(server)));
    }

    @PostMapping("/jobs/{job}/items/{item}/disable")
    ResponseEntity<Void> disableItem(@PathVariable String rc, @PathVariable String job, @PathVariable int item) {
        return operateItem(rc, job, item, true);
    }

    @PostMapping("/jobs/{job}/items/{item}/enable")
    ResponseEntity<Void> enableItem(@PathVariable String rc, @PathVariable String job, @PathVariable int item) {
        return operateItem(rc, job, item, false);
    }

    @GetMapping("/jobs/{job}/config")
    Map<String, Object> config(@PathVariable String rc, @PathVariable String job) {
        try (JobConfigurationAPI api = JobAPIFactory.createJobConfigurationAPI(regCenter(rc))) {
            return ConfigurationForm.toJson(storedConfig(api, job));
        }
    }

    @PutMapping("/jobs/{job}/config")
    Map<String, Object> updateConfig(@PathVariable String rc, @PathVariable String job, @RequestBody Map<String, Object> changes) {
        try (JobConfigurationAPI api = JobAPIFactory.createJobConfigurationAPI(regCenter(rc))) {
            JobConfiguration updated = ConfigurationForm.apply(storedConfig(api, job), changes);
            api.updateJobConfiguration(updated);
            return ConfigurationForm.toJson(updated);
        }
    }

    /**
     * Without {@code instance}: the job's subtree as stored in ZooKeeper, one {@code path | value} line per node.
     * With {@code instance} (one of the job's live instances): that instance's own dump, ZooKeeper's values next to
     * its cache with differences marked, through {@link JobOperateAPI#dump}. A GET although it writes a request on
     * the instance's node: it changes nothing of the job, so guests may read it too.
     */
    @GetMapping(value = "/jobs/{job}/dump", produces = MediaType.TEXT_PLAIN_VALUE)
    String dump(@PathVariable String rc, @PathVariable String job, @RequestParam(required = false) String instance) {
        CoordinatorRegistryCenter regCenter = regCenter(rc);
        brief(regCenter, job);
        if (instance != null && !instance.isBlank()) {
            return instanceDump(regCenter, job, instance.trim());
        }
        StringBuilder result = new StringBuilder("# job ").append(job).append(" as stored in ZooKeeper (registry center '").append(rc)
                .append("')\n# path | value\n");
        List<String> lines = new ArrayList<>();
        collect(regCenter, "/" + job, "", lines);
        lines.forEach(each -> result.append(each).append('\n'));
        result.append("# ").append(lines.size()).append(lines.size() >= MAX_DUMP_NODES ? " nodes (truncated)" : " nodes").append('\n');
        return result.toString();
    }

    private static String instanceDump(CoordinatorRegistryCenter regCenter, String job, String instance) {
        if (!instances(regCenter, job).contains(instance)) {
            throw ApiException.notFound("Job '" + job + "' has no live instance '" + instance + "'");
        }
        String result;
        try (JobOperateAPI api = JobAPIFactory.createJobOperateAPI(regCenter)) {
            result = api.dump(job, instance, INSTANCE_DUMP_TIMEOUT_MILLIS);
        }
        if (result == null) {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "Instance '" + instance + "' of job '" + job + "' did not answer within "
                    + INSTANCE_DUMP_TIMEOUT_MILLIS + " ms (stopped, or not running this job)");
        }
        return result;
    }

    /** The job's live instances: the children of {@code /{job}/instances}, sorted. */
    private static List<String> instances(CoordinatorRegistryCenter regCenter, String job) {
        return regCenter.getChildrenKeys("/" + job + "/instances").stream().sorted().toList();
    }

    private void collect(CoordinatorRegistryCenter regCenter, String base, String relative, List<String> lines) {
        for (String child : regCenter.getChildrenKeys(relative.isEmpty() ? base : base + "/" + relative)) {
            if (lines.size() >= MAX_DUMP_NODES) {
                return;
            }
            String path = relative.isEmpty() ? child : relative + "/" + child;
            String value = regCenter.get(base + "/" + path);
            lines.add(path + " | " + (value == null ? "(gone)" : value.replace('\n', ' ')));
            collect(regCenter, base, path, lines);
        }
    }

    // ---------------------------------------------------------------- servers

    @GetMapping("/servers")
    List<ServerBriefInfo> servers(@PathVariable String rc) {
        try (ServerStatisticsAPI api = JobAPIFactory.createServerStatisticsAPI(regCenter(rc))) {
            return api.getAllServersBriefInfo().stream().sorted(Comparator.comparing(ServerBriefInfo::serverIp)).toList();
        }
    }

    @GetMapping("/servers/{ip}/jobs")
    List<JobBriefInfo> serverJobs(@PathVariable String rc, @PathVariable String ip) {
        try (JobStatisticsAPI api = JobAPIFactory.createJobStatisticsAPI(regCenter(rc))) {
            return api.getJobsBriefInfo(ip).stream().sorted(Comparator.comparing(JobBriefInfo::jobName)).toList();
        }
    }

    @PostMapping("/servers/{ip}/disable")
    ResponseEntity<Void> disableServer(@PathVariable String rc, @PathVariable String ip, @RequestParam(required = false) String job) {
        return operateServer(rc, ip, job, api -> api.disable(blankToNull(job), ip));
    }

    @PostMapping("/servers/{ip}/enable")
    ResponseEntity<Void> enableServer(@PathVariable String rc, @PathVariable String ip, @RequestParam(required = false) String job) {
        return operateServer(rc, ip, job, api -> api.enable(blankToNull(job), ip));
    }

    @PostMapping("/servers/{ip}/shutdown")
    ResponseEntity<Void> shutdownServer(@PathVariable String rc, @PathVariable String ip, @RequestParam(required = false) String job) {
        return operateServer(rc, ip, job, api -> api.shutdown(blankToNull(job), ip));
    }

    @DeleteMapping("/servers/{ip}")
    ResponseEntity<Void> removeServer(@PathVariable String rc, @PathVariable String ip, @RequestParam(required = false) String job) {
        return operateServer(rc, ip, job, api -> api.remove(blankToNull(job), ip));
    }

    // ---------------------------------------------------------------- helpers

    private CoordinatorRegistryCenter regCenter(String rc) {
        return registryCenters.connection(rc);
    }

    private static JobBriefInfo brief(CoordinatorRegistryCenter regCenter, String job) {
        return JobLookup.brief(regCenter, job);
    }

    private static List<ShardingInfo> items(CoordinatorRegistryCenter regCenter, String job) {
        try (ShardingStatisticsAPI api = JobAPIFactory.createShardingStatisticsAPI(regCenter)) {
            return api.getShardingInfo(job).stream().sorted(Comparator.comparingInt(ShardingInfo::item)).toList();
        }
    }

    private static JobConfiguration storedConfig(JobConfigurationAPI api, String job) {
        JobConfiguration result = api.getJobConfiguration(job);
        if (result == null) {
            throw ApiException.notFound("No configuration for job '" + job + "'");
        }
        return result;
    }

    private ResponseEntity<Void> operate(String rc, String job, java.util.function.Consumer<JobOperateAPI> action) {
        CoordinatorRegistryCenter regCenter = regCenter(rc);
        brief(regCenter, job);
        try (JobOperateAPI api = JobAPIFactory.createJobOperateAPI(regCenter)) {
            action.accept(api);
        }
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Void> operateServer(String rc, String ip, String job, java.util.function.Consumer<JobOperateAPI> action) {
        CoordinatorRegistryCenter regCenter = regCenter(rc);
        try (ServerStatisticsAPI servers = JobAPIFactory.createServerStatisticsAPI(regCenter)) {
            ServerBriefInfo server = servers.getAllServersBriefInfo().stream().filter(each -> each.serverIp().equals(ip)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("No server " + ip));
            if (job != null && !job.isBlank() && !server.jobNames().contains(job)) {
                throw ApiException.notFound("Server " + ip + " has no job '" + job + "'");
            }
        }
        try (JobOperateAPI api = JobAPIFactory.createJobOperateAPI(regCenter)) {
            action.accept(api);
        }
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Void> operateItem(String rc, String job, int item, boolean disable) {
        CoordinatorRegistryCenter regCenter = regCenter(rc);
        JobLookup.requireItem(brief(regCenter, job), item);
        try (ShardingOperateAPI api = JobAPIFactory.createShardingOperateAPI(regCenter)) {
            if (disable) {
                api.disable(job, item);
            } else {
                api.enable(job, item);
            }
        }
        return ResponseEntity.noContent().build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
