package io.fangxian.serde;

/**
 * The registry answers something else for a schema id than it answered before: it lost the id, or
 * handed it out again for another schema. Records in Kafka that carry the id would be read with the
 * wrong schema or not at all, so this is never a bad record: the application stops reading.
 */
public final class RegistryMismatchException extends SchemaRegistryException {
  private final int schemaId;

  public RegistryMismatchException(String message, String url, int schemaId) {
    super(message, 200, -1, url, null, null);
    this.schemaId = schemaId;
  }

  public int schemaId() {
    return schemaId;
  }
}
