package io.fangxian.enterprises;

import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.Enterprise;
import java.time.Instant;

/**
 * What the standing of one enterprise hears, keyed by enterpriseId: its reference record (null for
 * a tombstone), an inspection by a department or a leader, a grid patrol, or a certificate's
 * current version.
 */
record StandingInput(Kind kind, Enterprise enterprise, Instant inspectedAt, CertificateEvent certificate) {
  enum Kind { LISTED, INSPECTED, PATROLLED, CERTIFICATE }

  static StandingInput listed(Enterprise e) {
    return new StandingInput(Kind.LISTED, e, null, null);
  }

  static StandingInput inspected(Instant at) {
    return new StandingInput(Kind.INSPECTED, null, at, null);
  }

  static StandingInput patrolled(Instant at) {
    return new StandingInput(Kind.PATROLLED, null, at, null);
  }

  static StandingInput certificate(CertificateEvent c) {
    return new StandingInput(Kind.CERTIFICATE, null, null, c);
  }
}
