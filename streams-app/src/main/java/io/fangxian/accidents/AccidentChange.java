package io.fangxian.accidents;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.internal.AccidentState;

/**
 * What one accident record did: the accident's version before (null when it is new) and after a
 * correction, with the enterprise as the event found it. Keyed by accidentId.
 */
public record AccidentChange(AccidentState before, AccidentState after, Enterprise enterprise) { }
