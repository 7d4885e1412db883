package dev.faultline.harness.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Goal: each key has its own znode and values round-trip through their decimal text; missing data reads as null. */
class ZooKeeperClientTest {
    @Test
    void eachKeyHasItsOwnZnode() {
        assertThat(ZooKeeperClient.path(null)).isEqualTo("/faultline-register");
        assertThat(ZooKeeperClient.path(17L)).isEqualTo("/faultline-17");
        assertThat(ZooKeeperClient.path(17L)).isNotEqualTo(ZooKeeperClient.path(18L));
    }

    @Test
    void valuesRoundTripAndEmptyDataIsNull() {
        assertThat(ZooKeeperClient.decode(ZooKeeperClient.encode(123_456_789_012L))).isEqualTo(123_456_789_012L);
        assertThat(ZooKeeperClient.decode(ZooKeeperClient.encode(null))).isNull();
        assertThat(ZooKeeperClient.decode(null)).isNull();
    }
}
