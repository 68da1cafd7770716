package io.fangxian.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.generate.DataGenerator;
import io.fangxian.generate.RecordingSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileWriterTest {
  @TempDir Path tmp;

  @Test
  void generatedRecordsSurviveWriteAndRead() throws IOException {
    Instant start = Instant.parse("2026-07-15T02:00:00Z");
    RecordingSink generated = new RecordingSink();
    Path dir = tmp.resolve("out");
    try (RecordFileWriter writer = new RecordFileWriter(dir, DataGenerator.DEFAULT_ZONE)) {
      DataGenerator gen = new DataGenerator(DataGenerator.Config.defaults(start)
          .withEnterprises(40).withHistoryDays(3), new Tee(generated, writer));
      gen.emitUntil(start.plus(Duration.ofMinutes(10)));
    }
    assertThat(Files.readString(dir.resolve("hazards.jsonl"), StandardCharsets.UTF_8)).contains("+08:00");

    RecordFileReader reader = new RecordFileReader();
    for (RecordKind kind : RecordKind.values()) {
      List<SpecificRecord> read = new ArrayList<>();
      LoadResult r = reader.read(dir.resolve(kind.fileName()), kind, StandardCharsets.UTF_8, l -> read.add(l.record()));
      assertThat(r.ok()).as(kind + " " + r.errors()).isTrue();
      List<? extends SpecificRecord> expected = switch (kind) {
        case ENTERPRISES -> generated.enterprises;
        case HAZARDS -> generated.hazards;
        case VIOLATIONS -> generated.violations;
        case INSPECTIONS -> generated.inspections;
        case WEATHER -> generated.weather;
      };
      assertThat(expected).as(kind.cliName()).isNotEmpty();
      assertThat(read).as(kind.cliName()).isEqualTo(expected);
    }
  }

  /** Passes everything to two sinks. */
  record Tee(io.fangxian.generate.GeneratorSink a, io.fangxian.generate.GeneratorSink b)
      implements io.fangxian.generate.GeneratorSink {
    @Override public void enterprise(io.fangxian.avro.Enterprise e) {
      a.enterprise(e);
      b.enterprise(e);
    }

    @Override public void hazard(io.fangxian.avro.HazardEvent e) {
      a.hazard(e);
      b.hazard(e);
    }

    @Override public void violation(io.fangxian.avro.ViolationEvent e) {
      a.violation(e);
      b.violation(e);
    }

    @Override public void inspection(io.fangxian.avro.InspectionEvent e) {
      a.inspection(e);
      b.inspection(e);
    }

    @Override public void weather(io.fangxian.avro.WeatherWarning w) {
      a.weather(w);
      b.weather(w);
    }
  }
}
