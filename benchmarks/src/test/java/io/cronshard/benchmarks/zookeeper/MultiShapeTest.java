package io.cronshard.benchmarks.zookeeper;

import org.apache.jute.BinaryOutputArchive;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.MultiOperationRecord;
import org.apache.zookeeper.MultiResponse;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MultiShapeTest {

    @Test
    void describesAMultiRequestAsWrittenByTheZooKeeperClient() throws IOException {
        MultiOperationRecord multi = new MultiOperationRecord(List.of(
                Op.check("/ns/job-7/sharding/3/instance", 2),
                Op.create("/ns/job-7/sharding/3/running", new byte[] {1, 2}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL),
                Op.create("/ns/job-7/sharding/4/running", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL),
                Op.setData("/ns/job-7/config", new byte[] {9}, -1),
                Op.delete("/ns/job-7/leader/sharding/necessary", -1)));

        // a frame as the proxy sees it: length, xid, operation code (14: multi), then the record
        byte[] frame = frame(12, 14, multi);

        assertThat(MultiShape.of(frame, 12)).isEqualTo("check /ns/job-#/sharding/#/instance, 2x create /ns/job-#/sharding/#/running, "
                + "setData /ns/job-#/config, delete /ns/job-#/leader/sharding/necessary");
    }

    @Test
    void tellsASucceededMultiFromAFailedOne() throws IOException {
        MultiResponse ok = new MultiResponse();
        ok.add(new OpResult.CheckResult());
        ok.add(new OpResult.CreateResult("/a"));
        MultiResponse failed = new MultiResponse();
        failed.add(new OpResult.ErrorResult(KeeperException.Code.OK.intValue()));
        failed.add(new OpResult.ErrorResult(KeeperException.Code.NODEEXISTS.intValue()));
        failed.add(new OpResult.ErrorResult(KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()));

        // a reply frame: length, then the reply header (xid, zxid, err), then the response
        assertThat(MultiShape.outcome(replyFrame(ok), 20)).isEqualTo("ok");
        assertThat(MultiShape.outcome(replyFrame(failed), 20)).isEqualTo("failed: NODEEXISTS");
    }

    private static byte[] frame(int xid, int type, MultiOperationRecord record) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryOutputArchive archive = BinaryOutputArchive.getArchive(body);
        archive.writeInt(xid, "xid");
        archive.writeInt(type, "type");
        record.serialize(archive, "request");
        return withLength(body.toByteArray());
    }

    private static byte[] replyFrame(MultiResponse response) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryOutputArchive archive = BinaryOutputArchive.getArchive(body);
        archive.writeInt(12, "xid");
        archive.writeLong(99L, "zxid");
        archive.writeInt(0, "err");
        response.serialize(archive, "response");
        return withLength(body.toByteArray());
    }

    private static byte[] withLength(byte[] body) {
        byte[] frame = new byte[body.length + 4];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, 4, body.length);
        return frame;
    }
}
