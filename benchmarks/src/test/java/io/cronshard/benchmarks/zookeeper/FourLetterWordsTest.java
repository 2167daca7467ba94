package io.cronshard.benchmarks.zookeeper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FourLetterWordsTest {

    @Test
    void parsesMntrSrvrAndWchs() {
        assertThat(FourLetterWords.parseMntr("zk_version\t3.9.5\nzk_packets_received\t17\n"))
                .containsEntry("zk_packets_received", "17").containsEntry("zk_version", "3.9.5");
        assertThat(FourLetterWords.parseZxid("Zookeeper version: 3.9.5\nLatency min/avg/max: 0/0.0/0\nZxid: 0x1f\nMode: standalone\n"))
                .isEqualTo(31L);
        assertThat(FourLetterWords.parseTotalWatches("3 connections watching 5 paths\nTotal watches:7\n")).isEqualTo(7L);
    }
}
