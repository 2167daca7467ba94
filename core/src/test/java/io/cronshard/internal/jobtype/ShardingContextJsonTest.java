package io.cronshard.internal.jobtype;

import io.cronshard.api.ShardingContext;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ShardingContextJsonTest {

    private final ShardingContext context = new ShardingContext("report", "report@-@1@-@NORMAL@-@x", 4, "mode=full & fast",
            1, "b", 12345L);

    @Test
    void theJsonHasEveryFieldOfTheContextInOrderOnOneLine() {
        String json = ShardingContextJson.toJson(context);

        assertThat(json).isEqualTo("{\"jobName\":\"report\",\"taskId\":\"report@-@1@-@NORMAL@-@x\",\"shardingTotalCount\":4,"
                + "\"jobParameter\":\"mode=full & fast\",\"shardingItem\":1,\"shardingParameter\":\"b\",\"fencingToken\":12345}");
    }

    @Test
    void theHeaderValueIsPrintableAsciiWithoutSpacesOrPlusAndDecodesToTheJson() {
        ShardingContext awkward = new ShardingContext("job", "t", 2, "nächtlich + \"quoted\"\r\nnext line", 0, "a b", 1L);

        String header = ShardingContextJson.toHeaderValue(awkward);

        assertThat(header).matches("[\\x21-\\x7e]+").doesNotContain("+");
        String decoded = URLDecoder.decode(header, StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo(ShardingContextJson.toJson(awkward));
        JsonObject parsed = JsonParser.parseString(decoded).getAsJsonObject();
        assertThat(parsed.get("jobParameter").getAsString()).isEqualTo("nächtlich + \"quoted\"\r\nnext line");
        assertThat(parsed.get("shardingParameter").getAsString()).isEqualTo("a b");
    }
}
