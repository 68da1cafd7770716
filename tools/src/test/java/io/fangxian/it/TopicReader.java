package io.fangxian.it;

import io.fangxian.avro.AreaStats;
import io.fangxian.domain.TopicRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what the pipeline published, as a dashboard would: from the beginning, read committed. */
public final class TopicReader {
  private TopicReader() { }

  /** Every committed record of the topic, up to its end offsets when the read started. */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, Object> clientConfig, String topic) {
    Map<String, Object> props = new HashMap<>(clientConfig);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 20_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** The latest figures per area published on a stats topic, in the oracle's terms. */
  public static Map<String, Oracle.Figures> figures(Map<String, Object> clientConfig, TopicRegistry topics, String topic) {
    Map<String, Oracle.Figures> latest = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(clientConfig, topic)) {
      AreaStats s = topics.townshipStats.valueSerde().deserializer().deserialize(topic, r.value());
      latest.put(new String(r.key(), StandardCharsets.UTF_8), new Oracle.Figures(s.getHazardsReported(), s.getOpenHazards(),
          s.getOpenMajorHazards(), s.getOverdueHazards(), s.getClosedHazards(), s.getViolations(),
          Math.round(s.getFineYuanTotal() * 100) / 100.0, s.getInspections(),
          s.getAccidents(), s.getAccidentDeaths(), s.getAccidentSeriousInjuries(),
          Math.round(s.getAccidentDirectLossYuan() * 100) / 100.0, s.getAccidentsGeneral(), s.getAccidentsLarger(),
          s.getAccidentsMajor(), s.getAccidentsEspeciallyMajor(), s.getAccidentsReportedLate(),
          s.getOpenUnclassifiedMajorHazards(), strings(s.getHazardsByCategory()), strings(s.getMajorHazardsByClause()),
          s.getVerificationOverdueHazards(), s.getOpenMajorHazardsUnsupervised(),
          strings(s.getSupervisedMajorHazardsByLevel()), s.getEnterprises(), s.getInspectedLast90d(), s.getNeverInspected(),
          s.getNonCompliantEnterprises(), s.getCertificatesExpiringWithin30d(), s.getCertificatesExpired(),
          s.getAccidentsSuspectedLateReport(), s.getWriteOffReviewsOverdue(), s.getPatrolledLast90d(),
          s.getCertificatesReviewOverdue(), s.getRectifiedHazards(), s.getAccidentDutiesLate(), s.getCasesOpened(), s.getCasesOpen(),
          s.getCasesDecisionOverdue(), Math.round(s.getPenaltyYuanDecided() * 100) / 100.0, s.getDailyFineCases(),
          s.getCriminalTransfers(), s.getOpenMajorHazardsWithoutCase(), s.getReportsReceived(), s.getReportsSubstantiated(),
          s.getReportsVerificationOverdue(), Math.round(s.getRewardYuan() * 100) / 100.0));
    }
    return latest;
  }

  private static Map<String, Long> strings(Map<? extends CharSequence, Long> m) {
    Map<String, Long> out = new java.util.TreeMap<>();
    m.forEach((k, v) -> out.put(k.toString(), v));
    return out;
  }

  /** hazardId → the status of its latest state published on the ledger topic. */
  public static Map<String, String> ledgerStatuses(Map<String, Object> clientConfig, TopicRegistry topics) {
    Map<String, String> latest = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(clientConfig, topics.hazardLedger.name())) {
      var state = topics.hazardLedger.valueSerde().deserializer().deserialize(r.topic(), r.value());
      latest.put(state.getHazardId(), state.getStatus().name());
    }
    return latest;
  }
}
