package io.fangxian.stats;

import io.fangxian.avro.AreaType;
import io.fangxian.avro.RecentCounts;
import io.fangxian.avro.internal.AreaUpdate;
import io.fangxian.avro.internal.MonthCounts;
import io.fangxian.avro.internal.MonthlyCounts;
import io.fangxian.avro.internal.PeriodCounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The area sums of an enterprise partition ({@code area-deltas}) in a compact format of their own.
 * A sum is written to its store on every event that touches the area, so its encoding is paid 2–5
 * times per event: Avro's generic writer walked the ~90 fields of a sum one reflective step at a
 * time, about a tenth of the stream thread's time (docs/benchmark.md). This writes the counters in
 * tight loops by type.
 *
 * <p>Format: byte {@link #MAGIC}, then the number of int, double and map counters and of month
 * fields it holds, then those counters in schema order by type, then the periods and the months.
 * A counter added to the schema after the last of its type (as they are) reads as 0 from a sum
 * written before it. A record in the Confluent wire format (first byte 0: the store as an earlier
 * release wrote it, or a sum carrying a hazard or a warning) is read and written with Avro.
 */
public final class AreaUpdateCodec implements Serde<AreaUpdate> {
  static final byte MAGIC = 1;
  private static final int[] INTS = positions(AreaUpdate.getClassSchema(), Schema.Type.INT);
  private static final int[] DOUBLES = positions(AreaUpdate.getClassSchema(), Schema.Type.DOUBLE);
  private static final int[] MAPS = positions(AreaUpdate.getClassSchema(), Schema.Type.MAP);
  private static final Schema.Type[] MONTH_FIELDS = MonthlyCounts.getClassSchema().getFields().stream()
      .map(f -> f.schema().getType()).toArray(Schema.Type[]::new);
  private static final int PERIOD_FIELDS = RecentCounts.getClassSchema().getFields().size();
  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private final Serde<AreaUpdate> avro;

  /** @param avro the Avro serde, for records in the wire format */
  public AreaUpdateCodec(Serde<AreaUpdate> avro) {
    this.avro = avro;
  }

  private static final class Buffer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    BinaryEncoder encoder;
  }

  @Override
  public Serializer<AreaUpdate> serializer() {
    return this::encode;
  }

  @Override
  public Deserializer<AreaUpdate> deserializer() {
    return this::decode;
  }

  byte[] encode(String topic, AreaUpdate u) {
    return encode(topic, u, INTS.length);
  }

  /** @param ints how many of the int counters to write: fewer only to test what an earlier schema wrote */
  byte[] encode(String topic, AreaUpdate u, int ints) {
    if (u == null) {
      return null;
    }
    if (u.getHazard() != null || u.getWeather() != null) {
      return avro.serializer().serialize(topic, u);
    }
    Buffer b = BUFFERS.get();
    b.out.reset();
    b.out.write(MAGIC);
    try {
      BinaryEncoder e = EncoderFactory.get().binaryEncoder(b.out, b.encoder);
      b.encoder = e;
      e.writeInt(ints);
      e.writeInt(DOUBLES.length);
      e.writeInt(MAPS.length);
      e.writeInt(MONTH_FIELDS.length);
      e.writeInt(u.getAreaType().ordinal());
      e.writeString(u.getAreaId());
      for (int i = 0; i < ints; i++) {
        e.writeInt((Integer) u.get(INTS[i]));
      }
      for (int pos : DOUBLES) {
        e.writeDouble((Double) u.get(pos));
      }
      for (int pos : MAPS) {
        @SuppressWarnings("unchecked")
        Map<String, Long> map = (Map<String, Long>) u.get(pos);
        e.writeInt(map.size());
        for (Map.Entry<String, Long> entry : map.entrySet()) {
          e.writeString(entry.getKey());
          e.writeLong(entry.getValue());
        }
      }
      e.writeInt(u.getPeriods().size());
      for (PeriodCounts p : u.getPeriods()) {
        e.writeLong(p.getOccurredAt().toEpochMilli());
        for (int i = 0; i < PERIOD_FIELDS; i++) {
          e.writeLong((Long) p.getCounts().get(i));
        }
      }
      e.writeInt(u.getMonths().size());
      for (MonthCounts m : u.getMonths()) {
        e.writeLong(m.getOccurredAt().toEpochMilli());
        writeFields(e, m.getCounts(), MONTH_FIELDS);
      }
      e.flush();
    } catch (IOException | RuntimeException failed) {
      b.encoder = null;
      throw new SerializationException("Cannot encode the area sum of " + u.getAreaId() + ": " + failed.getMessage(), failed);
    }
    return b.out.toByteArray();
  }

  AreaUpdate decode(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length == 0 || bytes[0] != MAGIC) {
      return avro.deserializer().deserialize(topic, bytes);
    }
    try {
      BinaryDecoder d = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null);
      int ints = d.readInt();
      int doubles = d.readInt();
      int maps = d.readInt();
      int monthFields = d.readInt();
      AreaUpdate u = AreaUpdates.empty(AreaType.values()[d.readInt()], d.readString());
      for (int i = 0; i < ints; i++) {
        int value = d.readInt();
        if (i < INTS.length) {
          u.put(INTS[i], value);
        }
      }
      for (int i = 0; i < doubles; i++) {
        double value = d.readDouble();
        if (i < DOUBLES.length) {
          u.put(DOUBLES[i], value);
        }
      }
      for (int i = 0; i < maps; i++) {
        Map<String, Long> map = new HashMap<>();
        for (int n = d.readInt(); n > 0; n--) {
          map.put(d.readString(), d.readLong());
        }
        if (i < MAPS.length) {
          u.put(MAPS[i], map);
        }
      }
      for (int n = d.readInt(); n > 0; n--) {
        Instant at = Instant.ofEpochMilli(d.readLong());
        RecentCounts counts = AreaFigures.zero();
        for (int i = 0; i < PERIOD_FIELDS; i++) {
          counts.put(i, d.readLong());
        }
        u.getPeriods().add(PeriodCounts.newBuilder().setOccurredAt(at).setCounts(counts).build());
      }
      List<MonthCounts> months = new ArrayList<>();
      for (int n = d.readInt(); n > 0; n--) {
        Instant at = Instant.ofEpochMilli(d.readLong());
        MonthlyCounts counts = MonthlyFigures.zero();
        readFields(d, counts, monthFields);
        months.add(MonthCounts.newBuilder().setOccurredAt(at).setCounts(counts).build());
      }
      u.setMonths(months);
      return u;
    } catch (IOException | RuntimeException failed) {
      throw new SerializationException("Cannot read an area sum (" + bytes.length + " bytes): " + failed.getMessage(), failed);
    }
  }

  private static void writeFields(BinaryEncoder e, SpecificRecord r, Schema.Type[] types) throws IOException {
    for (int i = 0; i < types.length; i++) {
      if (types[i] == Schema.Type.DOUBLE) {
        e.writeDouble((Double) r.get(i));
      } else {
        e.writeLong((Long) r.get(i));
      }
    }
  }

  /** Reads {@code count} fields written in schema order; those the schema does not have any more are skipped. */
  private static void readFields(BinaryDecoder d, SpecificRecord r, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      if (i >= MONTH_FIELDS.length) {
        throw new IOException("a month of " + count + " fields, more than the " + MONTH_FIELDS.length + " known");
      }
      r.put(i, MONTH_FIELDS[i] == Schema.Type.DOUBLE ? (Object) d.readDouble() : (Object) d.readLong());
    }
  }

  private static int[] positions(Schema schema, Schema.Type type) {
    return schema.getFields().stream().filter(f -> f.schema().getType() == type).mapToInt(Schema.Field::pos).toArray();
  }
}
