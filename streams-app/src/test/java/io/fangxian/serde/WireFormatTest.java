package io.fangxian.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void headerIsMagicByteAndBigEndianId() {
    assertThat(WireFormat.header(0x01020304)).containsExactly(0, 1, 2, 3, 4);
    assertThat(WireFormat.schemaId(new byte[] {0, 1, 2, 3, 4, 99})).isEqualTo(0x01020304);
    assertThat(WireFormat.schemaId(WireFormat.header(Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
    assertThat(WireFormat.schemaId(WireFormat.header(0x80ff0001))).isEqualTo(0x80ff0001);
  }

  @Test
  void rejectsWrongMagicByte() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {(byte) 0x7b, 0, 0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessage("Unknown magic byte 0x7b (expected 0x00, Confluent wire format)");
  }

  @Test
  void rejectsShortRecord() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("Record too short (3 bytes)");
  }
}
