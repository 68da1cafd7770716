package io.fangxian.bench;

import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Grid;
import io.fangxian.avro.Leader;
import io.fangxian.generate.DataGenerator;
import io.fangxian.generate.GeneratorSink;
import io.fangxian.load.RecordKind;
import io.fangxian.serde.SpecificAvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's input: realistic data from {@link DataGenerator} (enterprises first, then a
 * history of hazards with their lifecycles, violations, inspections and weather warnings, about
 * 1% resent), cut off after {@code events} events, written to the input topics keyed by
 * enterpriseId. About 0.7 events per enterprise and day come out, so the number of enterprises
 * is chosen from the number of events: a million events is a city of ~48,000 enterprises.
 */
final class BenchData {
  static final int HISTORY_DAYS = 30;
  static final double EVENTS_PER_ENTERPRISE_DAY = 0.7;

  final long events;
  final long enterprises;
  final Map<String, Long> byKind = new HashMap<>();
  final List<String> enterpriseIds = new ArrayList<>();
  final long produceMillis;

  private BenchData(long events, long enterprises, long produceMillis, Map<String, Long> byKind, List<String> ids) {
    this.events = events;
    this.enterprises = enterprises;
    this.produceMillis = produceMillis;
    this.byKind.putAll(byKind);
    this.enterpriseIds.addAll(ids);
  }

  /** All records written to input topics: enterprises and events. */
  long inputRecords() {
    return enterprises + events;
  }

  /**
   * What the producer saw when a write failed: the leaders of the enterprises' partitions and its
   * retry, error and connection counts (its own retries are logged below the console's level).
   */
  private static String state(KafkaProducer<String, SpecificRecord> producer) {
    StringBuilder s = new StringBuilder("leaders of " + RecordKind.ENTERPRISES.topic() + ":");
    try {
      producer.partitionsFor(RecordKind.ENTERPRISES.topic())
          .forEach(p -> s.append(' ').append(p.partition()).append('=').append(p.leader() == null ? "none" : p.leader().id()));
    } catch (RuntimeException e) {
      s.append(" unknown (").append(e.getMessage()).append(')');
    }
    producer.metrics().forEach((name, metric) -> {
      if (name.group().equals("producer-metrics") && List.of("record-retry-total", "record-error-total",
          "connection-count", "requests-in-flight", "metadata-age").contains(name.name())) {
        s.append(", ").append(name.name()).append(' ').append(metric.metricValue());
      }
    });
    return s.toString();
  }

  static int enterprisesFor(long events) {
    return (int) Math.max(50, Math.ceil(events / (HISTORY_DAYS * EVENTS_PER_ENTERPRISE_DAY) * 1.1));
  }

  static BenchData produce(long events, long seed, Map<String, Object> clientSettings, Map<String, Object> serdeSettings) {
    Map<String, Object> props = new HashMap<>(clientSettings);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-loader");
    SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
    values.configure(serdeSettings, false);
    Map<String, Long> byKind = new HashMap<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long t0 = System.nanoTime();
    long[] sent = new long[2]; // enterprises, events
    List<String> ids = new ArrayList<>();
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
      GeneratorSink sink = new GeneratorSink() {
        void send(SpecificRecord r, boolean event) {
          if (event && sent[1] >= events) {
            return;
          }
          RecordKind kind = RecordKind.of(r);
          producer.send(new ProducerRecord<>(kind.topic(), kind.keyOf(r), r), (m, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
          if (event) {
            sent[1]++;
          } else if (r instanceof Enterprise) {
            sent[0]++; // certificates are reference data too, but not enterprises
          }
          byKind.merge(kind.cliName(), 1L, Long::sum);
        }

        @Override public void accept(SpecificRecord r) {
          if (r instanceof Leader || r instanceof Grid) {
            return; // the roster and the grids only name people: not part of what is measured
          }
          if (r instanceof Enterprise e) {
            ids.add(e.getEnterpriseId());
          }
          send(r, !(r instanceof Enterprise || r instanceof CertificateEvent)); // reference data, sent before the clock starts
        }
      };
      Instant start = Instant.now().minusSeconds(60);
      DataGenerator generator = new DataGenerator(DataGenerator.Config.defaults(start).withSeed(seed)
          .withEnterprises(enterprisesFor(events)).withHistoryDays(HISTORY_DAYS).withScenarios(false), sink);
      generator.emitReferenceData();
      // Hour by hour, so generation stops soon after the N-th event instead of planning the whole history.
      for (Instant t = start.minus(Duration.ofDays(HISTORY_DAYS)); sent[1] < events && !t.isAfter(start);
           t = t.plus(Duration.ofHours(1))) {
        generator.emitUntil(t);
        if (failure.get() != null) {
          break;
        }
      }
      producer.flush();
      if (failure.get() != null) {
        throw new IllegalStateException("writing the benchmark data failed: " + failure.get().getMessage()
            + "; " + state(producer), failure.get());
      }
    }
    return new BenchData(sent[1], sent[0], (System.nanoTime() - t0) / 1_000_000, byKind, ids);
  }
}
