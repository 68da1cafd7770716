package io.fangxian.load;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Reads records of one kind from a JSON Lines or CSV file (DESIGN §7 "Files for load").
 *
 * <p>Names are the Avro field names. Timestamps are ISO-8601 with an offset or epoch
 * milliseconds; enums are their symbols (UNKNOWN is not accepted); optional fields may be left out,
 * null or empty; a CSV list ({@code townshipIds}) is separated by {@code ;}. Each good line is
 * passed on at once; each bad line is reported with its number and reason and reading goes on.
 * Values are checked against the schema only (a credit code's check character is the pipeline's
 * business).
 *
 * <p>CSV may be in any charset (UTF-8 with or without BOM, GBK, GB18030); a BOM is dropped. Bytes
 * that are not valid in the given charset stop the reading with an error naming the charset.
 */
public final class RecordFileReader {
  /** How many line errors a {@link LoadResult} keeps (all are counted). */
  public static final int MAX_ERRORS_KEPT = 1000;

  private final ObjectMapper json = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  private final CsvMapper csv = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .enable(CsvParser.Feature.TRIM_SPACES)
      .build();

  /** Reads {@code file} in the format its extension names (.jsonl, .ndjson, .json or .csv). */
  public LoadResult read(Path file, RecordKind kind, Charset charset, Consumer<LoadedRecord> onGood) {
    FileFormat format = FileFormat.fromFileName(file).orElseThrow(() -> new LoadException(
        "cannot tell the format of " + file + " from its name; use a .jsonl, .ndjson, .json or .csv file,"
            + " or name the format (jsonl or csv)"));
    return read(file, kind, format, charset, onGood);
  }

  public LoadResult read(Path file, RecordKind kind, FileFormat format, Charset charset, Consumer<LoadedRecord> onGood) {
    if (!Files.exists(file)) {
      throw new LoadException("file not found: " + file);
    }
    if (Files.isDirectory(file)) {
      throw new LoadException(file + " is a directory, not a file");
    }
    if (!Files.isReadable(file)) {
      throw new LoadException("cannot read " + file + ": permission denied");
    }
    Tally tally = new Tally(file, kind, format, onGood);
    try (Reader reader = open(file, charset)) {
      if (format == FileFormat.CSV) {
        readCsv(reader, tally);
      } else {
        readJsonLines(reader, tally);
      }
    } catch (CharacterCodingException e) {
      tally.stop(tally.lastLine + 1, "the file is not valid " + charset.name() + " at or after this line"
          + (charset.name().startsWith("UTF") ? "; if it was saved by Chinese office software try GBK or GB18030" : "")
          + "; reading stopped");
    } catch (IOException e) {
      throw new LoadException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return tally.result();
  }

  private void readJsonLines(Reader reader, Tally tally) throws IOException {
    RecordConverter converter = new RecordConverter(tally.kind);
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int n = 0;
    while ((line = lines.readLine()) != null) {
      n++;
      tally.lastLine = n;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = json.readTree(line);
      } catch (JacksonException e) {
        tally.bad(n, "not valid JSON: " + e.getOriginalMessage());
        continue;
      }
      if (!node.isObject()) {
        tally.bad(n, node.isArray()
            ? "a JSON array; expected one JSON object per line (JSON Lines)"
            : "expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        continue;
      }
      Map<String, JsonNode> values = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
      tally.convert(n, converter, values, false);
    }
  }

  private void readCsv(Reader reader, Tally tally) throws IOException {
    RecordConverter converter = new RecordConverter(tally.kind);
    MappingIterator<String[]> rows = csv.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader);
    List<String> header = null;
    while (true) {
      String[] row;
      int line;
      try {
        if (!rows.hasNextValue()) {
          break;
        }
        row = rows.nextValue();
        // The token location is where the row's last value starts; quoted values may span lines.
        line = rows.getParser().currentTokenLocation().getLineNr() - newlinesBeforeLastValue(row);
      } catch (JacksonException e) {
        if (e.getCause() instanceof CharacterCodingException cce) {
          throw cce;
        }
        tally.stop(tally.lastLine + 1, "cannot read CSV: " + e.getOriginalMessage() + "; reading stopped");
        return;
      }
      tally.lastLine = line;
      if (header == null) {
        header = headerOf(row, converter, line, tally);
        if (header == null) {
          return;
        }
        continue;
      }
      if (row.length != header.size()) {
        tally.bad(line, "has " + row.length + " values but the header has " + header.size() + " columns");
        continue;
      }
      Map<String, JsonNode> values = new LinkedHashMap<>();
      for (int i = 0; i < row.length; i++) {
        values.put(header.get(i), TextNode.valueOf(row[i]));
      }
      tally.convert(line, converter, values, true);
    }
    if (header == null) {
      tally.stop(1, "the file is empty; expected a header row of field names: " + converter.acceptedFields());
    }
  }

  /** The header's names, or null after reporting why it is unusable. */
  private static List<String> headerOf(String[] row, RecordConverter converter, int line, Tally tally) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String cell : row) {
      String name = cell.strip();
      if (!seen.add(name)) {
        tally.stop(line, "header names column '" + name + "' twice");
        return null;
      }
      names.add(name);
    }
    List<String> unknown = converter.unknownNames(names);
    if (!unknown.isEmpty()) {
      tally.stop(line, "header has " + converter.unknownMessage(unknown, "column"));
      return null;
    }
    List<String> missing = converter.missingRequired(names);
    if (!missing.isEmpty()) {
      tally.stop(line, "header lacks required column" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + "; accepted: " + converter.acceptedFields());
      return null;
    }
    return names;
  }

  private static int newlinesBeforeLastValue(String[] row) {
    int n = 0;
    for (int i = 0; i < row.length - 1; i++) {
      n += (int) row[i].chars().filter(c -> c == '\n').count();
    }
    return n;
  }

  /** A reader that reports undecodable bytes instead of replacing them, without a leading BOM. */
  private static Reader open(Path file, Charset charset) throws IOException {
    var decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    PushbackReader reader = new PushbackReader(new InputStreamReader(Files.newInputStream(file), decoder), 1);
    int first = reader.read();
    if (first != -1 && first != '\uFEFF') {
      reader.unread(first);
    }
    return reader;
  }

  /** Counts and collects the outcome of one read. */
  private static final class Tally {
    final Path file;
    final RecordKind kind;
    final FileFormat format;
    final Consumer<LoadedRecord> onGood;
    final List<LineError> errors = new ArrayList<>();
    int good;
    int bad;
    int lastLine;
    boolean complete = true;

    Tally(Path file, RecordKind kind, FileFormat format, Consumer<LoadedRecord> onGood) {
      this.file = file;
      this.kind = kind;
      this.format = format;
      this.onGood = onGood;
    }

    void convert(int line, RecordConverter converter, Map<String, JsonNode> values, boolean text) {
      SpecificRecordBase record;
      try {
        record = converter.convert(values, text);
      } catch (RecordConverter.BadValue e) {
        bad(line, e.getMessage());
        return;
      }
      good++;
      onGood.accept(new LoadedRecord(line, kind, kind.keyOf(record), record));
    }

    void bad(int line, String reason) {
      bad++;
      if (errors.size() < MAX_ERRORS_KEPT) {
        errors.add(new LineError(line, reason));
      }
    }

    void stop(int line, String reason) {
      bad(line, reason);
      complete = false;
    }

    LoadResult result() {
      return new LoadResult(file, kind, format, good, bad, errors, complete);
    }
  }
}
