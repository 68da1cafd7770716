package io.fangxian.load;

import org.apache.avro.specific.SpecificRecord;

/** A record read from a file: where it was, its Kafka key, and the record. */
public record LoadedRecord(int lineNumber, RecordKind kind, String key, SpecificRecord record) { }
