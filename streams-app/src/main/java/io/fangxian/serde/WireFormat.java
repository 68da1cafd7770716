package io.fangxian.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The Confluent wire format: magic byte 0, 4-byte big-endian schema id, then the Avro binary encoding. */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int ID_SIZE = 4;
  public static final int HEADER_SIZE = 1 + ID_SIZE;

  private WireFormat() {
  }

  /** The schema id in a framed record; throws {@link SerializationException} if the framing is wrong. */
  public static int schemaId(byte[] data) {
    if (data.length < HEADER_SIZE) {
      throw new SerializationException("Record too short (" + data.length + " bytes): the Confluent wire format needs "
          + HEADER_SIZE + " bytes of header (magic byte + 4-byte schema id)");
    }
    if (data[0] != MAGIC_BYTE) {
      throw new SerializationException(String.format(
          "Unknown magic byte 0x%02x (expected 0x00, Confluent wire format)", data[0] & 0xff));
    }
    return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
  }

  public static byte[] header(int schemaId) {
    return new byte[] {MAGIC_BYTE, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8),
        (byte) schemaId};
  }
}
