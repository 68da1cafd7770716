package io.fangxian.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.config.AppConfig;
import io.fangxian.domain.TopicRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
  private static Properties settings(Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(overrides);
    all.put(AppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:1");
    all.put(AppConfig.REGISTRY_URL, "mock://streams-settings");
    AppConfig config = AppConfig.of(all);
    return StreamsSettings.of(config, new TopicRegistry("", config.serdeSettings()), "app:8080");
  }

  @Test
  void exactlyOnceCommitsEveryFiftyMillisecondsUnlessConfigured() {
    assertThat(settings(Map.of()).get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(50L);
    assertThat(new StreamsConfig(settings(Map.of())).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(50L);
    assertThat(settings(Map.of("kafka.commit.interval.ms", "200")).get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo("200");
  }

  @Test
  void atLeastOnceKeepsTheStreamsDefault() {
    Properties p = settings(Map.of(AppConfig.PROCESSING_GUARANTEE, "at_least_once"));
    assertThat(p).doesNotContainKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    assertThat(new StreamsConfig(p).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(30_000L);
  }

  @Test
  void kafkaStreamsRefusesGeneratedStoreAndTopicNames() {
    assertThat(new StreamsConfig(settings(Map.of())).getBoolean(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG))
        .isTrue();
  }

  @Test
  void stateStoresAreTransactionalUnlessConfigured() {
    assertThat(new StreamsConfig(settings(Map.of())).getBoolean(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG)).isTrue();
    assertThat(new StreamsConfig(settings(Map.of("kafka.enable.transactional.statestores", "false")))
        .getBoolean(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG)).isFalse();
  }

  @Test
  void globalAndRestoreConsumersDoNotLetTheBrokerHoldAnEmptyFetchForHalfASecond() {
    StreamsConfig config = new StreamsConfig(settings(Map.of()));
    assertThat(config.getGlobalConsumerConfigs("c").get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).isEqualTo(20);
    assertThat(config.getRestoreConsumerConfigs("c").get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).isEqualTo(20);
    assertThat(config.getMainConsumerConfigs("g", "c", 0)).doesNotContainKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
    assertThat(new StreamsConfig(settings(Map.of("kafka.fetch.max.wait.ms", "100")))
        .getGlobalConsumerConfigs("c").get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).isEqualTo("100");
  }
}
