package io.fangxian.bench;

import io.fangxian.app.FangxianApp;
import io.fangxian.app.TopicAdmin;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.config.AppConfig;
import io.fangxian.domain.TopicRegistry;
import io.fangxian.domain.Topics;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.EmbeddedRuntime;
import io.fangxian.embedded.EmbeddedSchemaRegistry;
import io.fangxian.serde.SpecificAvroSerializer;
import io.fangxian.metrics.PipelineMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The benchmark behind {@code bin/fangxian bench}: one embedded broker and registry, one data set,
 * and on it (a) a plain consumer doing the same counting, (b) the pipeline at_least_once, (c) the
 * pipeline exactly_once_v2, then the latency of (c) at a fixed offered rate and the speed of
 * restoring its state from the changelogs. See docs/benchmark.md.
 */
public final class Benchmark {

  /** What to run. */
  public record Options(long events, int rate, int latencySeconds, int partitions, long seed, Path out,
      Duration runTimeout, Map<String, String> appSettings) {
    public Options {
      if (events < 1000) {
        throw new IllegalArgumentException("--events must be at least 1000, got " + events);
      }
      if (rate < 1 || rate > 100_000) {
        throw new IllegalArgumentException("--rate must be 1-100000 events/s, got " + rate);
      }
      if (latencySeconds < 1) {
        throw new IllegalArgumentException("--latency-seconds must be 1 or more, got " + latencySeconds);
      }
      if (partitions < 1) {
        throw new IllegalArgumentException("--partitions must be 1 or more, got " + partitions);
      }
      appSettings = appSettings == null ? Map.of() : Map.copyOf(appSettings);
    }

    public Options(long events, int rate, int latencySeconds, int partitions, long seed, Path out, Duration runTimeout) {
      this(events, rate, latencySeconds, partitions, seed, out, runTimeout, Map.of());
    }
  }

  /** How long published figures must stay unchanged, after all input was seen, to call a run done without a match. */
  static final Duration SETTLE = Duration.ofSeconds(30);

  private final Options options;
  private final PrintWriter log;
  private final Map<String, Object> result = new LinkedHashMap<>();

  private EmbeddedKafkaCluster kafka;
  private AppConfig base;
  private TopicRegistry topics;
  private Path work;

  public Benchmark(Options options, PrintWriter log) {
    this.options = options;
    this.log = log;
  }

  /** Runs everything; returns the figures (also written as JSON to {@code options.out()}). */
  public Map<String, Object> run() throws Exception {
    work = Files.createTempDirectory("fangxian-bench");
    long started = System.nanoTime();
    try (EmbeddedRuntime runtime = EmbeddedRuntime.start(
        EmbeddedKafkaCluster.builder().brokers(1).dataDir(work.resolve("kafka")), EmbeddedSchemaRegistry.builder())) {
      kafka = runtime.kafka();
      EmbeddedSchemaRegistry registry = runtime.registry();
      try (Admin admin = Admin.create(kafka.clientConfig())) {
        TopicAdmin.createMissing(admin, "", options.partitions(), (short) 1);
      }
      Map<String, String> appSettings = new HashMap<>(options.appSettings());
      appSettings.put(AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
      appSettings.put(AppConfig.REGISTRY_URL, registry.url());
      appSettings.put(AppConfig.TOPIC_PARTITIONS, Integer.toString(options.partitions()));
      base = AppConfig.of(appSettings).validate();
      result.put("appSettings", new java.util.TreeMap<>(options.appSettings()));
      topics = new TopicRegistry("", base.serdeSettings());
      machine();

      say("Writing %,d events…", options.events());
      BenchData data = BenchData.produce(options.events(), options.seed(), base.kafkaClientSettings(), base.serdeSettings());
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("events", data.events);
      input.put("enterprises", data.enterprises);
      input.put("historyDays", BenchData.HISTORY_DAYS);
      input.put("byKind", new java.util.TreeMap<>(data.byKind));
      input.put("partitions", options.partitions());
      input.put("produceSeconds", data.produceMillis / 1000.0);
      result.put("input", input);
      say("  %,d events and %,d enterprises written in %.1f s", data.events, data.enterprises, data.produceMillis / 1000.0);

      Map<String, Object> baseline = baseline(data);
      result.put("baseline", baseline);
      BaselineCounter expected = (BaselineCounter) baseline.remove("_counter");

      Map<String, Object> alos = pipeline("at_least_once", data, expected, false);
      result.put("atLeastOnce", alos);
      Map<String, Object> eos = pipeline("exactly_once_v2", data, expected, true);
      FangxianApp eosApp = (FangxianApp) eos.remove("_app");
      String eosAppId = (String) eos.remove("_appId");
      result.put("exactlyOnce", eos);

      Map<String, Object> ratios = new LinkedHashMap<>();
      ratios.put("atLeastOnceOverBaseline", round(num(alos, "eventsPerSec") / num(baseline, "eventsPerSec"), 3));
      ratios.put("exactlyOnceOverAtLeastOnce", round(num(eos, "eventsPerSec") / num(alos, "eventsPerSec"), 3));
      result.put("ratios", ratios);

      Map<String, Object> footprint = new LinkedHashMap<>();
      footprint.put("heapUsedAfterGcMb", heapUsedAfterGcMb());
      result.put("footprint", footprint);
      try {
        result.put("latency", latency(data, eosApp));
      } finally {
        eosApp.close();
      }
      // Closing flushed the stores' memtables: the directory now holds the whole state.
      footprint.put("stateOnDiskMb", round(directoryBytes(work.resolve("state-" + eosAppId)) / 1e6, 1));
      Map<String, Object> restore = restore(eosAppId);
      result.put("restore", restore);
      ratios.put("exactlyOnceOverBaseline", round(num(eos, "eventsPerSec") / num(baseline, "eventsPerSec"), 3));
      ratios.put("changelogRecordsPerEvent", round(num(restore, "changelogRecords") / data.events, 2));
      ratios.put("restoreOverRaw", restore.get("appOverRaw"));
      ratios.put("p99Ms", ((Map<?, ?>) result.get("latency")).get("p99Ms"));
    } finally {
      deleteRecursively(work);
    }
    result.put("totalSeconds", round((System.nanoTime() - started) / 1e9, 1));
    write();
    log.println();
    log.print(BenchReport.table(result));
    log.println("Figures written to " + options.out().toAbsolutePath());
    log.flush();
    return result;
  }

  /**
   * Heap in use after a full collection, the exactly-once pipeline running with its whole state: the
   * JVM also holds the broker and the bench's own counts, so this is an upper bound of the pipeline's.
   */
  private static long heapUsedAfterGcMb() {
    System.gc();
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  private static long directoryBytes(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private void machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("java", System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("note", "broker in this JVM, registry in a child JVM, all on the same cores");
    result.put("machine", m);
    result.put("startedAt", Instant.now().toString());
  }

  // ------------------------------------------------------------------ (a) the baseline

  private Map<String, Object> baseline(BenchData data) throws InterruptedException {
    say("(a) Baseline: plain consumer, same decoding and counting…");
    BaselineCounter counter = new BaselineCounter(base.kafkaClientSettings(), base.serdeSettings());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long cpu0 = CpuMeter.processCpuNanos();
    long t0 = System.nanoTime();
    long[] threadCpu = new long[1];
    Thread t = new Thread(() -> {
      try {
        counter.run();
        threadCpu[0] = CpuMeter.threadCpuNanos(name -> name.equals(BaselineCounter.THREAD));
      } catch (Throwable e) {
        failure.set(e);
      }
    }, BaselineCounter.THREAD);
    t.start();
    t.join();
    long nanos = System.nanoTime() - t0;
    long cpu = CpuMeter.processCpuNanos() - cpu0;
    if (failure.get() != null) {
      throw new IllegalStateException("baseline failed: " + failure.get(), failure.get());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", round(nanos / 1e9, 3));
    m.put("eventsPerSec", round(data.events / (nanos / 1e9), 0));
    m.put("processCpuMicrosPerEvent", round(cpu / 1e3 / data.events, 2));
    m.put("workerCpuMicrosPerEvent", round(threadCpu[0] / 1e3 / data.events, 2));
    m.put("recordsRead", counter.records);
    say("  %.1f s, %,.0f events/s", nanos / 1e9, data.events / (nanos / 1e9));
    m.put("_counter", counter);
    return m;
  }

  // ------------------------------------------------------------------ (b), (c) the pipeline

  private Map<String, Object> pipeline(String guarantee, BenchData data, BaselineCounter expected, boolean keepRunning)
      throws Exception {
    String appId = "bench-" + (guarantee.startsWith("exactly") ? "eos" : "alos") + "-" + System.currentTimeMillis();
    say("(%s) Pipeline, %s, application.id %s…", guarantee.startsWith("exactly") ? "c" : "b", guarantee, appId);
    Map<String, AreaCounts> townships = AreaCounts.freeze(expected.townships);
    Map<String, AreaCounts> sectors = AreaCounts.freeze(expected.sectors);
    LongAdder in = new LongAdder();
    PipelineMetrics metrics = new PipelineMetrics() {
      @Override public void recordIn(String topic) {
        in.increment();
      }
    };
    AppConfig settings = base.with(AppConfig.APPLICATION_ID, appId)
        .with(AppConfig.PROCESSING_GUARANTEE, guarantee)
        .with(AppConfig.STATE_DIR, work.resolve("state-" + appId).toString());
    Map<String, Object> m = new LinkedHashMap<>();
    try (StatsWatcher watcher = new StatsWatcher(base.kafkaClientSettings(), topics)) {
      FangxianApp app = new FangxianApp(settings, "127.0.0.1:0", metrics, new Properties());
      long cpu0 = CpuMeter.processCpuNanos();
      long t0 = System.nanoTime();
      app.start();
      long running = 0;
      long deadline = t0 + options.runTimeout().toNanos();
      boolean matched = false;
      long allInAt = 0;
      long done;
      while (true) {
        watcher.poll(Duration.ofMillis(50));
        long now = System.nanoTime();
        if (running == 0 && app.streams().state() == KafkaStreams.State.RUNNING) {
          running = now;
        }
        if (app.streams().state() == KafkaStreams.State.ERROR || app.streams().state() == KafkaStreams.State.NOT_RUNNING) {
          app.close();
          throw new IllegalStateException("the pipeline stopped: " + app.streams().state());
        }
        boolean allIn = in.sum() >= data.inputRecords();
        if (allIn && allInAt == 0) {
          allInAt = now;
        }
        if (allIn && watcher.matches(townships, sectors)) {
          matched = true;
          done = now;
          break;
        }
        long settledSince = Math.max(watcher.lastChangeNanos(), allInAt);
        if (allIn && now - settledSince > SETTLE.toNanos()) {
          done = settledSince; // settled, but not on the baseline's figures: reported as such
          break;
        }
        if (now > deadline) {
          app.close();
          throw new IllegalStateException(guarantee + " run did not finish within " + options.runTimeout()
              + ": " + in.sum() + " of " + data.inputRecords() + " input records seen");
        }
      }
      long appCpu = CpuMeter.threadCpuNanos(name -> name.contains(appId));
      long cpu = CpuMeter.processCpuNanos() - cpu0;
      double seconds = (done - running) / 1e9;
      m.put("guarantee", guarantee);
      m.put("startupSeconds", round((running - t0) / 1e9, 3));
      m.put("seconds", round(seconds, 3));
      m.put("eventsPerSec", round(data.events / seconds, 0));
      m.put("processCpuMicrosPerEvent", round(cpu / 1e3 / data.events, 2));
      m.put("appThreadsCpuMicrosPerEvent", round(appCpu / 1e3 / data.events, 2));
      m.put("figuresMatchBaseline", matched);
      say("  %.1f s after RUNNING (startup %.1f s), %,.0f events/s, figures %s the baseline's", seconds,
          (running - t0) / 1e9, data.events / seconds, matched ? "equal" : "DIFFER FROM");
      if (!matched) {
        say("  published %s%n  baseline  %s", watcher.townships(), townships);
      }
      if (keepRunning) {
        m.put("_app", app);
        m.put("_appId", appId);
      } else {
        app.close();
      }
    }
    return m;
  }

  // ------------------------------------------------------------------ latency

  private Map<String, Object> latency(BenchData data, FangxianApp app) throws Exception {
    int rate = options.rate();
    int seconds = options.latencySeconds();
    say("Latency: %d REPORTED major hazards/s for %d s into the exactly-once pipeline…", rate, seconds);
    int total = rate * seconds;
    long[] sentAt = new long[total];
    long[] latency = new long[total];
    Arrays.fill(latency, -1);
    Map<String, Integer> index = new ConcurrentHashMap<>();
    AtomicLong received = new AtomicLong();
    String prefix = "LAT-" + Long.toString(System.currentTimeMillis(), 36) + "-";

    Map<String, Object> cprops = new HashMap<>(base.kafkaClientSettings());
    cprops.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cprops.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    cprops.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    cprops.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-latency-reader");
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cprops, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topics.hazardLedger.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread reader = new Thread(() -> {
      try {
        while (!stop.get()) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
            long now = System.nanoTime();
            Integer i = r.key() == null ? null : index.remove(r.key());
            if (i != null) {
              latency[i] = now - sentAt[i];
              received.incrementAndGet();
            }
          }
        }
      } finally {
        consumer.close(Duration.ofSeconds(5));
      }
    }, "bench-latency-reader");
    reader.start();

    Map<String, Object> pprops = new HashMap<>(base.kafkaClientSettings());
    pprops.put(ProducerConfig.ACKS_CONFIG, "all");
    pprops.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    pprops.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    pprops.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-latency-writer");
    SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
    values.configure(base.serdeSettings(), false);
    SplittableRandom rnd = new SplittableRandom(options.seed() + 1);
    long intervalNanos = 1_000_000_000L / rate;
    long behind = 0;
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(pprops, new StringSerializer(), values)) {
      long t0 = System.nanoTime() + 200_000_000L;
      for (int i = 0; i < total; i++) {
        long due = t0 + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        } else if (wait < -intervalNanos) {
          behind++;
        }
        String enterprise = data.enterpriseIds.get(rnd.nextInt(data.enterpriseIds.size()));
        Instant now = Instant.now();
        HazardEvent e = HazardEvent.newBuilder().setEventId(prefix + "e" + i).setHazardId(prefix + i)
            .setEnterpriseId(enterprise).setType(HazardEventType.REPORTED).setSeverity(HazardSeverity.MAJOR)
            .setSource(HazardSource.GRID_PATROL).setOccurredAt(now).setDeadline(now.plus(Duration.ofDays(30)))
            .setDescription("benchmark latency probe").build();
        // Latency counts from when the event was due, so a sender falling behind does not hide it.
        sentAt[i] = due;
        index.put(e.getHazardId(), i);
        producer.send(new ProducerRecord<>(topics.hazards.name(), enterprise, e));
      }
      producer.flush();
    }
    long waitUntil = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (received.get() < total && System.nanoTime() < waitUntil) {
      Thread.sleep(50);
    }
    stop.set(true);
    reader.join(10_000);

    long[] got = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("guarantee", "exactly_once_v2");
    m.put("measuredOn", topics.hazardLedger.name() + " (HazardState, read_committed)");
    m.put("offeredRate", rate);
    m.put("seconds", seconds);
    m.put("sent", total);
    m.put("received", got.length);
    m.put("senderFellBehind", behind);
    m.put("p50Ms", got.length == 0 ? -1 : round(percentile(got, 0.50) / 1e6, 1));
    m.put("p99Ms", got.length == 0 ? -1 : round(percentile(got, 0.99) / 1e6, 1));
    m.put("maxMs", got.length == 0 ? -1 : round(got[got.length - 1] / 1e6, 1));
    say("  received %,d of %,d: p50 %s ms, p99 %s ms, max %s ms", got.length, total, m.get("p50Ms"), m.get("p99Ms"), m.get("maxMs"));
    Map<String, Object> thread = streamThreadMetrics(app);
    m.put("streamThreadMsLastMinute", thread);
    say("  stream thread, last minute (ms): %s", thread);
    return m;
  }

  /**
   * Where the stream thread's time goes, from Kafka Streams' own thread metrics: their maxima
   * cover the metrics' sample window (about the last minute), not the latency run alone.
   */
  private static Map<String, Object> streamThreadMetrics(FangxianApp app) {
    List<String> names = List.of("commit-latency-avg", "commit-latency-max", "poll-latency-max",
        "process-latency-max", "punctuate-latency-avg", "punctuate-latency-max");
    Map<String, Object> found = new TreeMap<>();
    app.streams().metrics().forEach((name, metric) -> {
      if (name.group().equals("stream-thread-metrics") && names.contains(name.name())
          && metric.metricValue() instanceof Double d && !d.isNaN()) {
        found.merge(name.name(), round(d, 1), (a, b) -> Math.max((double) a, (double) b));
      }
    });
    return found;
  }

  static long percentile(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  // ------------------------------------------------------------------ restore

  private Map<String, Object> restore(String appId) throws Exception {
    say("Restore: wiping the exactly-once run's state and starting it again…");
    LongAdder restored = new LongAdder();
    AtomicLong lastEnd = new AtomicLong();
    AtomicLong firstStart = new AtomicLong();
    AppConfig settings = base.with(AppConfig.APPLICATION_ID, appId)
        .with(AppConfig.PROCESSING_GUARANTEE, "exactly_once_v2")
        .with(AppConfig.STATE_DIR, work.resolve("state-restore-" + appId).toString());
    FangxianApp app = new FangxianApp(settings, "127.0.0.1:0", PipelineMetrics.NONE, new Properties());
    app.streams().setGlobalStateRestoreListener(new StateRestoreListener() {
      @Override public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
        firstStart.compareAndSet(0, System.nanoTime());
      }
      @Override public void onBatchRestored(TopicPartition tp, String store, long endOffset, long n) {
        restored.add(n);
      }
      @Override public void onRestoreEnd(TopicPartition tp, String store, long total) {
        lastEnd.set(System.nanoTime());
      }
    });
    long t0 = System.nanoTime();
    long running;
    try {
      app.start();
      long deadline = t0 + options.runTimeout().toNanos();
      while (app.streams().state() != KafkaStreams.State.RUNNING) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the restarted pipeline did not reach RUNNING within " + options.runTimeout());
        }
        Thread.sleep(10);
      }
      running = System.nanoTime();
    } finally {
      app.close();
    }
    long records = restored.sum();
    double appSeconds = (running - t0) / 1e9;

    // The same changelogs read end to end by a plain consumer.
    List<String> changelogs;
    try (Admin admin = Admin.create(base.kafkaClientSettings())) {
      changelogs = admin.listTopics().names().get().stream()
          .filter(n -> n.startsWith(appId + "-") && n.endsWith("-changelog")).sorted().toList();
    }
    Map<String, Object> props = new HashMap<>(base.kafkaClientSettings());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    long[] raw = {0};
    long[] bytes = {0};
    Map<String, Long> byStore = new TreeMap<>();
    long r0 = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      BaselineCounter.readToEnd(consumer, changelogs, r -> {
        raw[0]++;
        byStore.merge(r.topic().substring(appId.length() + 1, r.topic().length() - "-changelog".length()), 1L, Long::sum);
        bytes[0] += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
      });
    }
    double rawSeconds = (System.nanoTime() - r0) / 1e9;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("changelogTopics", changelogs.size());
    m.put("changelogRecords", raw[0]);
    m.put("changelogMb", round(bytes[0] / 1e6, 1));
    // Compacted topics may already have dropped some: records as read, not as written.
    m.put("changelogRecordsByStore", byStore);
    m.put("recordsRestored", records);
    m.put("appSecondsToRunning", round(appSeconds, 3));
    m.put("appRestoreSeconds", firstStart.get() == 0 ? 0 : round((lastEnd.get() - firstStart.get()) / 1e9, 3));
    m.put("appRecordsPerSec", round(records / appSeconds, 0));
    m.put("rawConsumerSeconds", round(rawSeconds, 3));
    m.put("rawRecordsPerSec", round(raw[0] / rawSeconds, 0));
    m.put("appOverRaw", round((records / appSeconds) / (raw[0] / rawSeconds), 3));
    say("  back to RUNNING in %.1f s (%,d records restored); a plain consumer reads the %d changelogs in %.1f s",
        appSeconds, records, changelogs.size(), rawSeconds);
    return m;
  }

  // ------------------------------------------------------------------ output

  private void write() throws IOException {
    Path out = options.out().toAbsolutePath();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
  }

  private void say(String format, Object... args) {
    log.printf(format + "%n", args);
    log.flush();
  }

  static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary directory: the OS cleans it eventually
    }
  }
}
