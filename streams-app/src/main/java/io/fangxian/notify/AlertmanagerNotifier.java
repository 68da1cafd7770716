package io.fangxian.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.avro.Alert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes alerts to Prometheus Alertmanager's v2 API: each firing, escalation, lowering and
 * resolution, and every live alert again each resend interval. Alertmanager's own routing,
 * grouping, silences and receivers (email, WeCom or DingTalk webhooks) take it from there.
 *
 * <p>At least once: an alert stays in the backlog until Alertmanager has answered 2xx, and is
 * retried with a growing pause (up to {@link AlertmanagerSettings#maxBackoff()}) meanwhile; the
 * offsets of the alerts topic are committed only for what was delivered ({@link #delivered()}).
 * Idempotent: Alertmanager deduplicates by labels, so a resend changes nothing. When an alert's
 * labels change (a level or the responsible person), the old label set is ended in the same request.
 * The backlog is bounded: {@link #offer} never blocks and says false when it is full.
 * Metrics: {@code fangxian.alertmanager.sent}, {@code .failures}, {@code .backlog},
 * {@code .last.success} (epoch seconds).
 */
public final class AlertmanagerNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertmanagerNotifier.class);
  static final int BATCH = 64;

  /** One alert record waiting to be pushed, with where it came from on the alerts topic (null for a resend). */
  record Pending(Alert alert, TopicPartition partition, long offset) { }

  private final AlertmanagerSettings settings;
  private final HttpClient http;
  private final ObjectMapper mapper = new ObjectMapper();
  private final LinkedBlockingDeque<Pending> backlog;
  private final Map<String, Map<String, String>> lastLabels = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> delivered = new ConcurrentHashMap<>();
  private final AtomicLong lastSuccess = new AtomicLong();
  private final Counter sent;
  private final Counter failures;
  private final Thread sender;
  private final Thread resender;
  private volatile boolean running = true;

  /**
   * @param live the live alerts this instance holds now, for the resends (may be null: none)
   * @param registry where the metrics go (may be null)
   */
  public AlertmanagerNotifier(AlertmanagerSettings settings, Supplier<List<Alert>> live, MeterRegistry registry) {
    this.settings = settings;
    this.backlog = new LinkedBlockingDeque<>(settings.backlog());
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    if (registry != null) {
      sent = Counter.builder("fangxian.alertmanager.sent").description("Alert records Alertmanager accepted").register(registry);
      failures = Counter.builder("fangxian.alertmanager.failures").description("Pushes to Alertmanager that failed (retried)")
          .register(registry);
      Gauge.builder("fangxian.alertmanager.backlog", backlog, LinkedBlockingDeque::size)
          .description("Alert records waiting to be pushed to Alertmanager").register(registry);
      Gauge.builder("fangxian.alertmanager.last.success", lastSuccess, AtomicLong::get)
          .description("When Alertmanager last accepted a push (epoch seconds; 0 never)").register(registry);
    } else {
      sent = null;
      failures = null;
    }
    sender = new Thread(this::sendLoop, "fangxian-alertmanager");
    sender.setDaemon(true);
    sender.start();
    resender = new Thread(() -> resendLoop(live), "fangxian-alertmanager-resend");
    resender.setDaemon(true);
    if (live != null) {
      resender.start();
    }
  }

  /** Queues an alert record; false when the backlog is full (the caller reads it again later). */
  public boolean offer(Alert alert, TopicPartition partition, long offset) {
    return backlog.offerLast(new Pending(alert, partition, offset));
  }

  /** Queues an alert to be sent (again), when there is room. */
  public boolean offer(Alert alert) {
    return offer(alert, null, -1);
  }

  public int backlogSize() {
    return backlog.size();
  }

  public int capacity() {
    return settings.backlog();
  }

  /** Per partition of the alerts topic, the offset after the last record Alertmanager accepted. */
  public Map<TopicPartition, Long> delivered() {
    return Map.copyOf(delivered);
  }

  /** When Alertmanager last accepted a push (epoch seconds; 0 never). */
  public long lastSuccessEpochSeconds() {
    return lastSuccess.get();
  }

  private void sendLoop() {
    long backoffMs = 500;
    List<Pending> batch = new ArrayList<>();
    while (running) {
      try {
        if (batch.isEmpty()) {
          Pending first = backlog.pollFirst(500, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          backlog.drainTo(batch, BATCH - 1);
        }
        Map<String, Map<String, String>> labelsAfter = new HashMap<>();
        String body = mapper.writeValueAsString(payload(batch, labelsAfter, Instant.now()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url() + "/api/v2/alerts"))
            .timeout(settings.timeout()).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
          throw new IllegalStateException("Alertmanager answered " + response.statusCode() + ": " + response.body());
        }
        labelsAfter.forEach((key, labels) -> {
          if (labels.isEmpty()) {
            lastLabels.remove(key);
          } else {
            lastLabels.put(key, labels);
          }
        });
        for (Pending p : batch) {
          if (p.partition() != null) {
            delivered.merge(p.partition(), p.offset() + 1, Math::max);
          }
        }
        if (sent != null) {
          sent.increment(batch.size());
        }
        lastSuccess.set(Instant.now().getEpochSecond());
        batch.clear();
        backoffMs = 500;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (failures != null) {
          failures.increment();
        }
        log.warn("Pushing {} alert(s) to Alertmanager at {} failed, retrying in {} ms: {}", batch.size(), settings.url(),
            backoffMs, e.toString());
        sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, settings.maxBackoff().toMillis());
      }
    }
  }

  /**
   * The v2 alerts for a batch, oldest first; an alert whose labels changed since they were last sent
   * also ends the old label set. {@code labelsAfter} gets each alert's labels once sent (empty: resolved).
   */
  List<Map<String, Object>> payload(List<Pending> batch, Map<String, Map<String, String>> labelsAfter, Instant now) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Pending p : batch) {
      Alert a = p.alert();
      Map<String, String> labels = AlertmanagerPayload.labels(a);
      Map<String, String> before = labelsAfter.containsKey(a.getAlertKey()) ? labelsAfter.get(a.getAlertKey())
          : lastLabels.get(a.getAlertKey());
      if (before != null && !before.isEmpty() && !before.equals(labels)) {
        out.add(AlertmanagerPayload.alert(a, before, true, now, settings.firingFor(), settings.linkBase()));
      }
      boolean ended = AlertmanagerPayload.resolved(a);
      out.add(AlertmanagerPayload.alert(a, labels, ended, now, settings.firingFor(), settings.linkBase()));
      labelsAfter.put(a.getAlertKey(), ended ? Map.of() : labels);
    }
    return out;
  }

  private void resendLoop(Supplier<List<Alert>> live) {
    while (running) {
      sleep(settings.resendInterval().toMillis());
      if (!running) {
        return;
      }
      try {
        for (Alert a : live.get()) {
          if (!AlertmanagerPayload.resolved(a) && !offer(a)) {
            break; // full: the next round sends them
          }
        }
      } catch (RuntimeException e) {
        log.debug("The live alerts cannot be read now (rebalancing or restoring); resending later: {}", e.toString());
      }
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    sender.interrupt();
    resender.interrupt();
    try {
      sender.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
