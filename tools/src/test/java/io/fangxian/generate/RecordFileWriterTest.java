package io.fangxian.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.load.FileFormat;
import io.fangxian.load.LoadResult;
import io.fangxian.load.RecordFileReader;
import io.fangxian.load.RecordKind;
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
      if (kind == RecordKind.RESPONSIBILITIES || kind == RecordKind.SECTORS) {
        continue; // built into the product; the generator leaves the district's own lists to the district
      }
      List<SpecificRecord> read = new ArrayList<>();
      LoadResult r = reader.read(dir.resolve(kind.fileName()), kind, StandardCharsets.UTF_8, l -> read.add(l.record()));
      assertThat(r.ok()).as(kind + " " + r.errors()).isTrue();
      List<? extends SpecificRecord> expected = switch (kind) {
        case ENTERPRISES -> generated.enterprises;
        case HAZARDS -> generated.hazards;
        case VIOLATIONS -> generated.violations;
        case INSPECTIONS -> generated.inspections;
        case WEATHER -> generated.weather;
        case ACCIDENTS -> generated.accidents;
        case ACCIDENT_DUTIES -> generated.accidentDuties;
        case CASES -> generated.cases;
        case REPORTS -> generated.reports;
        case ROSTER -> generated.roster;
        case GRIDS -> generated.grids;
        case CERTIFICATES -> generated.certificates;
        case RESPONSIBILITIES, SECTORS -> List.<SpecificRecord>of();
      };
      assertThat(expected).as(kind.cliName()).isNotEmpty();
      assertThat(read).as(kind.cliName()).isEqualTo(expected);
    }
  }

  /** Passes everything to two sinks. */
  record Tee(GeneratorSink a, GeneratorSink b) implements GeneratorSink {
    @Override public void accept(org.apache.avro.specific.SpecificRecord record) {
      a.accept(record);
      b.accept(record);
    }
  }

}
