package io.fangxian.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * An in-memory schema registry for tests, addressed as {@code mock://<scope>}. Behaves like
 * Confluent's: ids are global to the registry (the same schema has the same id in every subject),
 * and registrations are checked against the compatibility level, BACKWARD unless set otherwise.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {
  public static final Set<String> LEVELS = Set.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
      "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

  private static final Map<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final String url;
  private final Map<Schema, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versions = new LinkedHashMap<>();
  private final Map<String, String> subjectLevels = new HashMap<>();
  private String globalLevel = "BACKWARD";
  private int nextId = 1;

  private MockSchemaRegistry(String scope) {
    this.url = "mock://" + scope;
  }

  public static MockSchemaRegistry forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, MockSchemaRegistry::new);
  }

  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Integer> subjectVersions = versions.getOrDefault(subject, List.of());
    Integer existing = idsBySchema.get(schema);
    if (existing != null && subjectVersions.contains(existing)) {
      return existing;
    }
    String incompatibility = incompatibility(subject, schema);
    if (incompatibility != null) {
      throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for subject '"
          + subject + "' (" + compatibility(subject) + "): " + incompatibility, 409,
          SchemaRegistryException.INCOMPATIBLE_SCHEMA, url, subject, null);
    }
    int id = existing != null ? existing : nextId++;
    idsBySchema.put(schema, id);
    schemasById.put(id, schema);
    versions.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
    return id;
  }

  @Override
  public synchronized int lookup(String subject, Schema schema) {
    List<Integer> subjectVersions = versions.get(subject);
    if (subjectVersions == null) {
      throw notFound(SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.", subject);
    }
    Integer id = idsBySchema.get(schema);
    if (id == null || !subjectVersions.contains(id)) {
      throw notFound(SchemaRegistryException.SCHEMA_NOT_FOUND,
          "Schema " + schema.getFullName() + " not found under subject '" + subject + "'.", subject);
    }
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw notFound(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found", null);
    }
    return schema;
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    return incompatibility(subject, schema) == null;
  }

  @Override
  public synchronized String getCompatibility(String subjectOrNull) {
    return compatibility(subjectOrNull);
  }

  @Override
  public synchronized void setCompatibility(String subjectOrNull, String level) {
    if (!LEVELS.contains(level)) {
      throw new SchemaRegistryException("Invalid compatibility level " + level + "; valid levels are " + LEVELS, 422,
          SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL, url, subjectOrNull, null);
    }
    if (subjectOrNull == null) {
      globalLevel = level;
    } else {
      subjectLevels.put(subjectOrNull, level);
    }
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(versions.keySet());
  }

  @Override
  public String toString() {
    return "MockSchemaRegistry[" + url + "]";
  }

  private String compatibility(String subjectOrNull) {
    return subjectOrNull == null ? globalLevel : subjectLevels.getOrDefault(subjectOrNull, globalLevel);
  }

  /** Why the schema may not join the subject, or null if it may. */
  private String incompatibility(String subject, Schema schema) {
    List<Integer> subjectVersions = versions.getOrDefault(subject, List.of());
    if (subjectVersions.isEmpty()) {
      return null;
    }
    String level = compatibility(subject);
    if (level.equals("NONE")) {
      return null;
    }
    List<Integer> against = level.endsWith("_TRANSITIVE") ? subjectVersions
        : List.of(subjectVersions.get(subjectVersions.size() - 1));
    boolean backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
    boolean forward = level.startsWith("FORWARD") || level.startsWith("FULL");
    for (int id : against) {
      Schema earlier = schemasById.get(id);
      if (backward) {
        String problem = AvroCompatibility.problem(schema, earlier);
        if (problem != null) {
          return "new schema cannot read data written with schema id " + id + ": " + problem;
        }
      }
      if (forward) {
        String problem = AvroCompatibility.problem(earlier, schema);
        if (problem != null) {
          return "schema id " + id + " cannot read data written with the new schema: " + problem;
        }
      }
    }
    return null;
  }

  private SchemaRegistryException notFound(int errorCode, String message, String subject) {
    return new SchemaRegistryException("Schema registry error " + errorCode + ": " + message + " (" + url + ")", 404,
        errorCode, url, subject, null);
  }
}
