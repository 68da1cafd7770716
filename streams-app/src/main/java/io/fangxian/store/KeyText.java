package io.fangxian.store;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The layout shared by the composite store keys: UTF-8 text, parts separated by {@code |},
 * numbers zero-padded to a fixed width so that keys sort by them, and the last part written as
 * it is. A part that is not last is escaped ({@code %} as {@code %25}, {@code |} as {@code %7C}),
 * so no id can pass for a separator. Keys whose ids hold neither character are written exactly
 * as the stores held them before these types existed, so existing state needs no migration.
 */
final class KeyText {
  static final char SEPARATOR = '|';

  private KeyText() { }

  /** A part that other parts follow: without a raw separator in it. */
  static String escape(String part) {
    if (part.indexOf('%') < 0 && part.indexOf(SEPARATOR) < 0) {
      return part;
    }
    StringBuilder sb = new StringBuilder(part.length() + 8);
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '%') {
        sb.append("%25");
      } else if (c == SEPARATOR) {
        sb.append("%7C");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Reverses {@link #escape}; a {@code %} that starts neither escape is read as itself. */
  static String unescape(String part) {
    if (part.indexOf('%') < 0) {
      return part;
    }
    StringBuilder sb = new StringBuilder(part.length());
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '%' && part.startsWith("25", i + 1)) {
        sb.append('%');
        i += 2;
      } else if (c == '%' && (part.startsWith("7C", i + 1) || part.startsWith("7c", i + 1))) {
        sb.append(SEPARATOR);
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Where the part starting at {@code from} ends: the next separator. */
  static int end(String key, int from) {
    int end = key.indexOf(SEPARATOR, from);
    if (end < 0) {
      throw new SerializationException("store key '" + key + "' lacks a '" + SEPARATOR + "' after position " + from);
    }
    return end;
  }

  static long number(String key, int from, int to) {
    try {
      return Long.parseLong(key, from, to, 10);
    } catch (NumberFormatException e) {
      throw new SerializationException("store key '" + key + "' has no number at " + from + ".." + to, e);
    }
  }

  /** A serde writing each key as the text {@code write} makes of it. */
  static <K> Serde<K> serde(Function<K, String> write, Function<String, K> read) {
    Serializer<K> serializer = (topic, key) -> key == null ? null : write.apply(key).getBytes(StandardCharsets.UTF_8);
    Deserializer<K> deserializer = (topic, bytes) -> bytes == null ? null : read.apply(new String(bytes, StandardCharsets.UTF_8));
    return Serdes.serdeFrom(serializer, deserializer);
  }

  /** Serializes a first part and its separator: the prefix of every key that starts with that part. */
  static Serializer<String> firstPartPrefix() {
    return (topic, first) -> (escape(first) + SEPARATOR).getBytes(StandardCharsets.UTF_8);
  }
}
