package io.fangxian.topology;

import io.fangxian.avro.Enterprise;
import org.apache.avro.specific.SpecificRecord;

/** An input event together with its enterprise as the reference data knew it on arrival. */
public record EnrichedEvent(SpecificRecord event, Enterprise enterprise) { }
