package io.fangxian.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("integration")
@Timeout(120)
class ThreeBrokerClusterTest {

  @Test
  void survivesStoppingAndRestartingOneBroker() throws Exception {
    long t0 = System.nanoTime();
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().brokers(3).build().start()) {
      System.out.printf("start-up: 3-broker cluster %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      assertThat(kafka.brokerCount()).isEqualTo(3);
      try (Admin admin = Admin.create(kafka.clientConfig())) {
        assertThat(admin.describeCluster().nodes().get()).hasSize(3);
        admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3)
            .configs(Map.of("min.insync.replicas", "2")))).all().get();
      }
      String servers = kafka.bootstrapServers();
      KafkaTestClients.produce(servers, "replicated", "k", "v1");

      long t1 = System.nanoTime();
      kafka.stopBroker(2);
      System.out.printf("broker 2 stopped in %d ms%n", (System.nanoTime() - t1) / 1_000_000);
      KafkaTestClients.produce(servers, "replicated", "k", "v2");
      assertThat(KafkaTestClients.readValues(servers, "replicated", 2)).containsExactly("v1", "v2");

      long t2 = System.nanoTime();
      kafka.startBroker(2);
      System.out.printf("broker 2 restarted in %d ms%n", (System.nanoTime() - t2) / 1_000_000);
      KafkaTestClients.produce(servers, "replicated", "k", "v3");
      assertThat(KafkaTestClients.readValues(servers, "replicated", 3))
          .containsExactly("v1", "v2", "v3");
    }
  }
}
