package io.fangxian.serde;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API (v1) that Fangxian uses.
 * Implementations are thread-safe. Failures are reported as {@link SchemaRegistryException}.
 */
public interface SchemaRegistryClient {

  /** Registers the schema under the subject (or finds it already there) and returns its global id. */
  int register(String subject, Schema schema);

  /** Returns the id of a schema already registered under the subject; fails if it is not there. */
  int lookup(String subject, Schema schema);

  Schema getById(int id);

  /** Whether the schema may be registered under the subject; a subject that does not exist accepts anything. */
  boolean isCompatible(String subject, Schema schema);

  /** The subject's compatibility level (falling back to the global one), or the global one for null. */
  String getCompatibility(String subjectOrNull);

  void setCompatibility(String subjectOrNull, String level);

  List<String> subjects();

  /** Where the registry is, for messages; never contains credentials. */
  String url();
}
