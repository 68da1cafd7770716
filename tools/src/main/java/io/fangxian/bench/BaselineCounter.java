package io.fangxian.bench;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.InspectionEvent;
import io.fangxian.avro.ViolationEvent;
import io.fangxian.domain.Topics;
import io.fangxian.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The practical limit: one plain KafkaConsumer loop that decodes the same Avro (cached readers,
 * {@link SpecificAvroDeserializer}) and keeps the same per-township and per-sector counts in hash
 * maps — enterprise lookup, resent events dropped by eventId, each hazard's closed loop — with no
 * state stores, no changelogs, no repartitioning, no transactions and no fault tolerance.
 */
final class BaselineCounter {
  static final String THREAD = "bench-baseline";

  private final Map<String, Object> clientSettings;
  private final Map<String, Object> serdeSettings;

  final Map<String, AreaCounts.Counter> townships = new HashMap<>();
  final Map<String, AreaCounts.Counter> sectors = new HashMap<>();
  private final Map<String, Enterprise> enterprises = new HashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final Map<String, Hazard> hazards = new HashMap<>();
  long records;

  private static final class Hazard {
    AreaCounts.Counter township;
    AreaCounts.Counter sector;
    int step; // 1 rectifying, 2 rectified, 3 accepted by the enterprise, 4 verified
    boolean major;
    boolean supervised;
    boolean closed;
    boolean verified;
  }

  BaselineCounter(Map<String, Object> clientSettings, Map<String, Object> serdeSettings) {
    this.clientSettings = clientSettings;
    this.serdeSettings = serdeSettings;
  }

  /** Reads the enterprises, then every event, to the end offsets as of the start. */
  void run() {
    var enterpriseReader = new SpecificAvroDeserializer<>(Enterprise.class);
    enterpriseReader.configure(serdeSettings, false);
    var hazardReader = new SpecificAvroDeserializer<>(HazardEvent.class);
    hazardReader.configure(serdeSettings, false);
    var violationReader = new SpecificAvroDeserializer<>(ViolationEvent.class);
    violationReader.configure(serdeSettings, false);
    var inspectionReader = new SpecificAvroDeserializer<>(InspectionEvent.class);
    inspectionReader.configure(serdeSettings, false);

    Map<String, Object> props = new HashMap<>(clientSettings);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, THREAD + "-consumer");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 50 * 1024 * 1024);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      readAll(consumer, List.of(Topics.ENTERPRISES), r -> {
        if (r.value() != null) {
          Enterprise e = enterpriseReader.deserialize(r.topic(), r.value());
          enterprises.put(e.getEnterpriseId(), e);
        }
      });
      readAll(consumer, List.of(Topics.HAZARDS, Topics.VIOLATIONS, Topics.INSPECTIONS), r -> {
        switch (r.topic()) {
          case Topics.HAZARDS -> hazard(hazardReader.deserialize(r.topic(), r.value()));
          case Topics.VIOLATIONS -> {
            ViolationEvent v = violationReader.deserialize(r.topic(), r.value());
            Enterprise e = enterprises.get(v.getEnterpriseId());
            if (e != null && seen.add("v" + v.getEventId())) {
              township(e).violations++;
              sector(e).violations++;
            }
          }
          default -> {
            InspectionEvent i = inspectionReader.deserialize(r.topic(), r.value());
            Enterprise e = enterprises.get(i.getEnterpriseId());
            if (e != null && seen.add("i" + i.getEventId())) {
              township(e).inspections++;
              sector(e).inspections++;
            }
          }
        }
      });
    }
  }

  private void hazard(HazardEvent h) {
    Enterprise e = enterprises.get(h.getEnterpriseId());
    if (e == null || !seen.add("h" + h.getEventId())) {
      return;
    }
    Hazard hz = hazards.get(h.getHazardId());
    if (h.getType() == HazardEventType.REPORTED) {
      if (hz != null) {
        return;
      }
      hz = new Hazard();
      hz.township = township(e);
      hz.sector = sector(e);
      hz.major = h.getSeverity() == HazardSeverity.MAJOR;
      hazards.put(h.getHazardId(), hz);
      hz.township.hazardsReported++;
      hz.sector.hazardsReported++;
      hz.township.openHazards++;
      hz.sector.openHazards++;
      return;
    }
    if (hz == null || hz.verified) {
      return;
    }
    switch (h.getType()) {
      case SUPERVISION_ASSIGNED -> hz.supervised = hz.supervised || (hz.major && !hz.closed);
      case REGRADED -> {
        if (!hz.closed && h.getSeverity() != null) {
          hz.major = h.getSeverity() == HazardSeverity.MAJOR; // a supervision stays on record until lifted
        }
      }
      case SUPERVISION_LIFTED -> {
        if (!hz.major && hz.supervised) {
          hz.supervised = false;
          setClosed(hz, hz.closed || hz.step == 3);
        }
      }
      case RECHECK_FAILED -> {
        if (hz.step == 2 || hz.step == 3) {
          hz.step = 1;
          setClosed(hz, false);
        }
      }
      default -> {
        int step = switch (h.getType()) {
          case RECTIFICATION_STARTED -> 1;
          case RECTIFIED -> 2;
          case ENTERPRISE_ACCEPTED -> 3;
          case VERIFIED_CLOSED -> 4;
          default -> -1;
        };
        if (step < 0 || step <= hz.step || (hz.closed && step != 4)) {
          return;
        }
        hz.step = step;
        hz.verified = step == 4;
        // The enterprise's own acceptance closes a general hazard that is not under 挂牌督办; a major
        // one waits for the department's write-off (核销).
        setClosed(hz, hz.closed || step == 4 || (step == 3 && !hz.major && !hz.supervised));
      }
    }
  }

  private static void setClosed(Hazard hz, boolean closed) {
    if (closed != hz.closed) {
      int d = closed ? 1 : -1;
      hz.closed = closed;
      hz.township.openHazards -= d;
      hz.sector.openHazards -= d;
      hz.township.closedHazards += d;
      hz.sector.closedHazards += d;
    }
  }

  private AreaCounts.Counter township(Enterprise e) {
    return townships.computeIfAbsent(e.getTownshipId(), k -> new AreaCounts.Counter());
  }

  private AreaCounts.Counter sector(Enterprise e) {
    return sectors.computeIfAbsent(e.getSectorId(), k -> new AreaCounts.Counter());
  }

  private void readAll(KafkaConsumer<String, byte[]> consumer, List<String> topics,
      java.util.function.Consumer<ConsumerRecord<String, byte[]>> handler) {
    readToEnd(consumer, topics, r -> {
      handler.accept(r);
      records++;
    });
  }

  /** Reads the topics from their beginning to the end offsets they had when the read started. */
  static <K, V> void readToEnd(KafkaConsumer<K, V> consumer, List<String> topics,
      java.util.function.Consumer<ConsumerRecord<K, V>> handler) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
    end.values().removeIf(v -> v == 0);
    while (!end.isEmpty()) {
      for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
        handler.accept(r);
      }
      end.entrySet().removeIf(en -> consumer.position(en.getKey()) >= en.getValue());
    }
  }
}
