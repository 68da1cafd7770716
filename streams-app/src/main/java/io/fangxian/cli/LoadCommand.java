package io.fangxian.cli;

import io.fangxian.config.AppConfig;
import io.fangxian.load.FileFormat;
import io.fangxian.load.LineError;
import io.fangxian.load.LoadResult;
import io.fangxian.load.RecordFileReader;
import io.fangxian.load.RecordKind;
import io.fangxian.produce.RecordProducer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true,
    description = {"Load records from a JSON Lines (.jsonl) or CSV (.csv) file into their topic.",
        "Bad lines are reported with their line number and reason; good lines load.",
        "Exit code: 0 all loaded, 1 some lines rejected, 2 wrong usage."})
final class LoadCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--kind", required = true, paramLabel = "KIND",
      description = "enterprises, hazards, violations, inspections, weather, accidents, roster, responsibilities, grids, sectors or certificates (sectors take effect when the instances restart)")
  String kind;

  @Parameters(paramLabel = "FILE", description = "The file to load.")
  Path file;

  @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
      description = "File encoding: UTF-8 (with or without BOM), GBK or GB18030 (default: ${DEFAULT-VALUE}).")
  String encoding;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "jsonl or csv (default: from the file name's extension).")
  String format;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    RecordKind recordKind;
    Charset charset;
    FileFormat fileFormat = null;
    try {
      recordKind = RecordKind.fromCliName(kind);
      charset = Charset.forName(encoding);
      if (format != null) {
        fileFormat = FileFormat.fromName(format);
      }
    } catch (IllegalArgumentException e) {
      String message = e instanceof IllegalCharsetNameException || e instanceof UnsupportedCharsetException
          ? "unknown encoding '" + encoding + "'; accepted: UTF-8, GBK, GB18030" : e.getMessage();
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
    AppConfig settings = connection.settings();
    LoadResult result;
    try (RecordProducer producer = new RecordProducer(Preflight.boundedProducer(ConnectionOptions.clientSettings(settings)),
        settings.serdeSettings(), settings.get(AppConfig.TOPIC_PREFIX))) {
      RecordFileReader reader = new RecordFileReader();
      // The broker and the registry are checked before the first record is sent (a missing or
      // unreadable file is reported first): a dead address is named within seconds.
      boolean[] checked = {false};
      java.util.function.Consumer<io.fangxian.load.LoadedRecord> send = r -> {
        if (!checked[0]) {
          Preflight.check(settings);
          checked[0] = true;
        }
        producer.send(r.kind(), r.key(), r.record());
      };
      result = fileFormat == null
          ? reader.read(file, recordKind, charset, send)
          : reader.read(file, recordKind, fileFormat, charset, send);
      producer.flush();
    }
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    for (LineError error : result.errors()) {
      err.println(file.getFileName() + ":" + error.lineNumber() + ": " + error.reason());
    }
    if (result.bad() > result.errors().size()) {
      err.println("… and " + (result.bad() - result.errors().size()) + " more rejected lines");
    }
    out.printf("Loaded %d %s from %s into %s%s; %d line%s rejected.%n", result.good(), recordKind.cliName(), file,
        settings.get(AppConfig.TOPIC_PREFIX) + recordKind.topic(),
        result.complete() ? "" : " (stopped early: see the first error)",
        result.bad(), result.bad() == 1 ? "" : "s");
    out.flush();
    return result.ok() ? 0 : 1;
  }
}
