package io.cronshard.internal.cache;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Reads many nodes in few requests: the reads of one level of a load go to ZooKeeper as multi-reads
 * of at most {@value #MAX_READS} operations (each answered on its own: a missing node fails its read
 * only), on the raw handle so that the answers arrive on the ZooKeeper event thread, in order with
 * the watch events.
 */
final class MultiRead {

    /** Reads per request: keeps an answer of item owners well under the client's packet limit. */
    static final int MAX_READS = 500;

    private MultiRead() {
    }

    /**
     * Sends the reads of the given changes: a listing for those marked {@code listing}, a data
     * read for the others. Every read is answered, the request's error standing for each read's
     * when the request failed as a whole.
     *
     * @param client the registry's client
     * @param reads the changes waiting for their reads
     * @param fullPath the full path, inside the client's namespace, of a relative path
     * @param answered takes each read's answer
     * @param requestDone runs once every read of one request is answered
     */
    static void send(CuratorFramework client, List<Pending> reads, Function<String, String> fullPath,
                     BiConsumer<Pending, OpResult> answered, Runnable requestDone) {
        for (int from = 0; from < reads.size(); from += MAX_READS) {
            List<Pending> batch = reads.subList(from, Math.min(reads.size(), from + MAX_READS));
            List<Op> ops = new ArrayList<>(batch.size());
            for (Pending each : batch) {
                String path = ZKPaths.fixForNamespace(client.getNamespace(), fullPath.apply(each.path));
                ops.add(each.listing ? Op.getChildren(path) : Op.getData(path));
            }
            try {
                ZooKeeper zooKeeper = client.getZookeeperClient().getZooKeeper();
                zooKeeper.multi(ops, (rc, path, ctx, results) -> {
                    // with results, rc is only the first failed read's code: each read has its own answer
                    for (int i = 0; i < batch.size(); i++) {
                        answered.accept(batch.get(i), results != null ? results.get(i) : new OpResult.ErrorResult(rc));
                    }
                    requestDone.run();
                }, null);
            } catch (Exception ex) {
                batch.forEach(each -> answered.accept(each, new OpResult.ErrorResult(KeeperException.Code.CONNECTIONLOSS.intValue())));
                requestDone.run();
            }
        }
    }
}
