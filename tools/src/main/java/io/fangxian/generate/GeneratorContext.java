package io.fangxian.generate;

import io.fangxian.avro.Enterprise;
import io.fangxian.domain.ReferenceData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the generators of each kind share: the configuration and its clock ({@code start}), the main
 * random stream, the queue of planned events and its sequence (ties go out in planning order), the
 * enterprises, and the draws every kind makes from the main stream. One per {@link DataGenerator}.
 *
 * <p>Each draw's place in the main stream is part of the output for a seed: a kind draws here in
 * the order it always did, and those with a stream of their own keep it to themselves.
 */
final class GeneratorContext {
  private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

  private record Due(Instant at, long seq, SpecificRecord record) { }

  final DataGenerator.Config config;
  final GeneratorSink sink;
  final ReferenceData ref = ReferenceData.load();
  final GeneratorWords words = GeneratorWords.load();
  final SplittableRandom rnd;
  final Instant start;

  final List<Enterprise> enterprises = new ArrayList<>();
  final Map<String, List<Enterprise>> byTownship = new LinkedHashMap<>();
  final List<Enterprise> keySupervised = new ArrayList<>();
  /** The silence scenario's enterprise, left out of all background activity; null without scenarios. */
  String quietEnterpriseId;
  /** Every enterprise but the quiet one, and the same weighted by risk; set once the enterprises are created. */
  List<Enterprise> eligible = List.of();
  Picker<Enterprise> backgroundPicker;

  private final PriorityQueue<Due> queue =
      new PriorityQueue<>(Comparator.comparing(Due::at).thenComparingLong(Due::seq));
  private long seq;

  GeneratorContext(DataGenerator.Config config, GeneratorSink sink) {
    this.config = config;
    this.sink = sink;
    this.rnd = new SplittableRandom(config.seed());
    this.start = config.start();
  }

  // ---------------------------------------------------------------- the queue

  /** The next number of the planning sequence, which orders events due at the same time. */
  long nextSeq() {
    return seq++;
  }

  /** Plans {@code r} at {@code at}, with no duplicate. */
  void add(Instant at, SpecificRecord r) {
    queue.add(new Due(at, seq++, r));
  }

  /** Plans {@code r} at {@code at} and, with probability duplicateRate drawn from the main stream, its resend. */
  void schedule(Instant at, SpecificRecord r) {
    queue.add(new Due(at, seq++, r));
    if (rnd.nextDouble() < config.duplicateRate()) {
      queue.add(new Due(at.plus(seconds(uniform(1, 600))), seq++, r));
    }
  }

  /** Like {@link #schedule(Instant, SpecificRecord)}, with a kind's own random stream. */
  void schedule(SplittableRandom own, Instant at, SpecificRecord r) {
    queue.add(new Due(at, seq++, r));
    if (own.nextDouble() < config.duplicateRate()) {
      queue.add(new Due(at.plus(seconds(1 + own.nextInt(600))), seq++, r));
    }
  }

  /** Delivers every planned event due at or before {@code until}, in time order; returns how many. */
  int deliverUntil(Instant until) {
    int n = 0;
    while (!queue.isEmpty() && !queue.peek().at().isAfter(until)) {
      sink.accept(queue.poll().record());
      n++;
    }
    return n;
  }

  // ---------------------------------------------------------------- ids and times

  String uuid() {
    return uuid(rnd);
  }

  /** A random (version 4) UUID drawn from {@code r}. */
  static String uuid(SplittableRandom r) {
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** The date part of an id: yyyyMMdd in the local zone. */
  String day(Instant t) {
    return t.atZone(config.zone()).format(ID_DATE);
  }

  /** An id such as YH320413-20260715-00012: prefix, division, local date, number. */
  String id(String prefix, Instant at, String numberFormat, int number) {
    return prefix + DataGenerator.DIVISION_CODE + "-" + day(at) + "-" + String.format(numberFormat, number);
  }

  Instant endOfDay(Instant t) {
    LocalDate d = t.atZone(config.zone()).toLocalDate();
    return d.atTime(23, 59, 59).atZone(config.zone()).toInstant();
  }

  static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static Instant fraction(Instant from, Instant to, double f) {
    return from.plus(seconds(Duration.between(from, to).toSeconds() * f));
  }

  static Duration seconds(double s) {
    return Duration.ofSeconds(Math.max(0, (long) s));
  }

  /** In history, moves a time at night to office hours of the same day; live times stay. */
  Instant officeHours(Instant t) {
    if (!t.isBefore(start)) {
      return t;
    }
    ZonedDateTime z = t.atZone(config.zone());
    if (z.getHour() >= 8 && z.getHour() < 18) {
      return t;
    }
    Instant moved = z.toLocalDate().atTime(8, 30).atZone(config.zone()).toInstant()
        .plusSeconds(rnd.nextLong(8 * 3600));
    return moved.isBefore(start) ? moved : t;
  }

  /** {@code days} after {@code t}, where time after {@code start} runs liveIntensity times faster. */
  Instant advance(Instant t, double days) {
    Instant plain = t.plus(seconds(days * 86_400));
    if (!plain.isAfter(start)) {
      return plain;
    }
    Instant from = t.isAfter(start) ? t : start;
    return from.plus(seconds(Duration.between(from, plain).toSeconds() / config.liveIntensity()));
  }

  /** {@code lo} to {@code hi} days after {@code from}, drawn from {@code r}. */
  static Instant daysAfter(SplittableRandom r, Instant from, double lo, double hi) {
    return from.plus(seconds((lo + r.nextDouble() * (hi - lo)) * 86_400));
  }

  /** A kind's own random stream, so that adding the kind left every other event as it was. */
  SplittableRandom stream(long salt) {
    return new SplittableRandom(config.seed() ^ salt);
  }

  /**
   * Rare arrivals in a bucket of {@code hours}, at most about one per hour, from a kind's own stream:
   * plans one at a uniform time for each whole unit of the expected number above a uniform draw.
   */
  static void arrivals(SplittableRandom r, Instant from, Instant to, double perDay, double hours, double intensity,
      Consumer<Instant> plan) {
    double expected = perDay / 24 * hours * intensity;
    for (double u = r.nextDouble(); u < expected; u += 1) {
      plan.accept(from.plus(seconds(r.nextDouble() * Duration.between(from, to).toSeconds())));
    }
  }

  // ---------------------------------------------------------------- draws from the main stream

  Instant between(Instant from, Instant to) {
    return from.plusSeconds(rnd.nextLong(Math.max(1, Duration.between(from, to).toSeconds())));
  }

  double uniform(double lo, double hi) {
    return lo + (hi - lo) * rnd.nextDouble();
  }

  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 50) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = rnd.nextDouble();
    int n = 0;
    while (p > limit) {
      p *= rnd.nextDouble();
      n++;
    }
    return n;
  }

  private double nextGaussian() {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  <T> T oneOf(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  /** A surname and 某, as records name people. */
  String person() {
    return person(rnd);
  }

  /** A surname and 某 drawn from {@code r}. */
  String person(SplittableRandom r) {
    return words.surnames().get(r.nextInt(words.surnames().size())) + "某";
  }

  <K> K pick(Map<K, Double> weights) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double u = rnd.nextDouble() * total;
    K last = null;
    for (Map.Entry<K, Double> e : weights.entrySet()) {
      last = e.getKey();
      u -= e.getValue();
      if (u < 0) {
        return last;
      }
    }
    return last;
  }

  int pickIndex(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rnd.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  boolean isQuiet(Enterprise e) {
    return e.getEnterpriseId().equals(quietEnterpriseId);
  }
}
