package io.fangxian.app;

import io.fangxian.avro.SectorDefinition;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Sector;
import io.fangxian.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The district's sector list (reference.sectors, loaded with {@code load --kind sectors}), read
 * whole when an instance starts: the rules and the figures are built over it, so a change takes
 * effect at the next start (every instance must be restarted; the log says how many were read).
 */
final class SectorCatalogue {
  private static final Logger log = LoggerFactory.getLogger(SectorCatalogue.class);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private SectorCatalogue() { }

  /** What a sector id may be: it is part of area keys and of the API's paths. */
  static final java.util.regex.Pattern SECTOR_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** The built-in reference data with the loaded sectors over it; an entry with an unusable id is left out, with a warning. */
  static ReferenceData apply(ReferenceData base, Map<String, SectorDefinition> latest) {
    latest.keySet().removeIf(id -> {
      boolean bad = id == null || !SECTOR_ID.matcher(id).matches();
      if (bad) {
        log.warn("Sector list: ignoring sector id '{}': use lower-case letters, digits and hyphens (at most 64)", id);
      }
      return bad;
    });
    List<Sector> loaded = latest.values().stream().filter(d -> d != null)
        .map(d -> sector(d, base.sector(d.getSectorId()).orElse(null))).toList();
    Set<String> removed = latest.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    return loaded.isEmpty() && removed.isEmpty() ? base : base.withSectors(loaded, removed);
  }

  /**
   * A loaded sector. Its certificate and standard columns left empty keep those of the built-in
   * sector it replaces ({@code builtIn}, null for a new one), so that a district list written before
   * the columns existed does not drop 第二十七条's requirement; a new sector without them requires no
   * key-post certificates and names no standard.
   */
  static Sector sector(SectorDefinition d, Sector builtIn) {
    boolean keyPosts = d.getKeyPostCertificates() != null ? d.getKeyPostCertificates()
        : builtIn != null && builtIn.keyPostCertificates();
    return new Sector(d.getSectorId(), d.getNameZh(), d.getNameEn(), d.getKeyArea(), d.getWeatherSensitive(),
        keyPosts, text(d.getKeyPostCertificatesBasis(), builtIn == null ? "" : builtIn.keyPostCertificatesBasis()),
        text(d.getMajorHazardStandard(), builtIn == null ? "" : builtIn.majorHazardStandard()),
        text(d.getOtherCertificateRegime(), builtIn == null ? "" : builtIn.otherCertificateRegime()), "");
  }

  private static String text(CharSequence loaded, String otherwise) {
    return loaded == null || loaded.toString().isBlank() ? otherwise : loaded.toString();
  }

  /** The latest record of each key on the topic (null for a tombstone), from its beginning to its end now. */
  static Map<String, SectorDefinition> read(Map<String, Object> clientSettings, Map<String, ?> serdeSettings, String topic) {
    Map<String, Object> props = new HashMap<>(clientSettings);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    SpecificAvroDeserializer<SectorDefinition> values = new SpecificAvroDeserializer<>(SectorDefinition.class);
    values.configure(serdeSettings, false);
    Map<String, SectorDefinition> latest = new LinkedHashMap<>();
    try (KafkaConsumer<String, SectorDefinition> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT.toSeconds() + " s");
        }
        for (ConsumerRecord<String, SectorDefinition> r : consumer.poll(Duration.ofMillis(500))) {
          latest.remove(r.key());
          latest.put(r.key(), r.value());
        }
      }
    }
    if (!latest.isEmpty()) {
      log.info("Sector list: {} sector(s) loaded from {} over the built-in list", latest.size(), topic);
    }
    return latest;
  }
}
