package io.cronshard.test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fire of a job across its instances, as {@link CronshardTestContext#fireNow(String)} saw it complete: one execution
 * per item that ran.
 *
 * @param jobName the job
 * @param triggeredAt when the trigger was sent
 * @param executions one per item, ordered by item
 */
public record JobFire(String jobName, Instant triggeredAt, List<ItemExecution> executions) {

    /** Copies the list, so that a fire never changes. */
    public JobFire {
        executions = List.copyOf(executions);
    }

    /** @return the items that ran, ascending */
    public List<Integer> items() {
        return executions.stream().map(ItemExecution::item).sorted().toList();
    }

    /** @return the items whose body threw, ascending */
    public List<Integer> failedItems() {
        return executions.stream().filter(each -> !each.success()).map(ItemExecution::item).sorted().toList();
    }

    /** @return whether every item returned normally */
    public boolean succeeded() {
        return executions.stream().allMatch(ItemExecution::success);
    }

    /** @return which items ran where: instance id → its items, ascending; ordered by instance id */
    public Map<String, List<Integer>> itemsByInstance() {
        Map<String, List<Integer>> result = new TreeMap<>();
        for (ItemExecution each : executions) {
            result.merge(String.valueOf(each.instanceId()), List.of(each.item()),
                    (left, right) -> java.util.stream.Stream.concat(left.stream(), right.stream()).sorted().toList());
        }
        return result;
    }
}
