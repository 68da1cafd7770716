package io.fangxian.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.cli.CleanCommand;
import io.fangxian.cli.Prompt;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanCommandTest {
  @TempDir Path dir;
  Path config;
  Path appState;

  static Prompt answering(String answer) {
    return new Prompt() {
      @Override
      public boolean available() {
        return true;
      }

      @Override
      public String ask(String question) {
        return answer;
      }
    };
  }

  @BeforeEach
  void state() throws Exception {
    config = dir.resolve("fangxian.properties");
    Files.writeString(config, "state.dir=" + dir.resolve("state") + "\napplication.id=fangxian-jintan\n");
    appState = dir.resolve("state").resolve("fangxian-jintan");
    Files.createDirectories(appState.resolve("0_1").resolve("rocksdb").resolve("hazard-ledger"));
    Files.writeString(appState.resolve("0_1").resolve("rocksdb").resolve("hazard-ledger").resolve("000001.sst"), "x".repeat(1000));
    Files.writeString(appState.resolve("kafka-streams-process-metadata"), "{}");
    Files.createDirectories(dir.resolve("state").resolve("other-app"));
  }

  @Test
  void deletesTheApplicationsStateAfterConfirmation() {
    CommandRun run = CommandRun.of(new CleanCommand(Map.of(), answering("yes")), "--config", config.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains(appState.toString(), "2 files", "Deleted");
    assertThat(appState).doesNotExist();
    assertThat(dir.resolve("state").resolve("other-app")).exists();
  }

  @Test
  void anyOtherAnswerKeepsIt() {
    CommandRun run = CommandRun.of(new CleanCommand(Map.of(), answering("y")), "--config", config.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Nothing done");
    assertThat(appState).exists();
  }

  @Test
  void refusesWithoutYesWhenThereIsNoTerminal() {
    CommandRun run = CommandRun.of(new CleanCommand(Map.of(), Prompt.console()), "--config", config.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("refusing to delete the state directory", "--yes");
    assertThat(appState).exists();
    assertThat(CommandRun.of(new CleanCommand(Map.of(), Prompt.console()), "--config", config.toString(), "--yes").exitCode()).isZero();
    assertThat(appState).doesNotExist();
  }

  @Test
  void refusesWhileTheApplicationHoldsItsLock() throws Exception {
    Path lockFile = appState.resolve(".lock");
    Files.createFile(lockFile);
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
         FileLock lock = channel.lock()) {
      CommandRun run = CommandRun.of(new CleanCommand(Map.of(), answering("yes")), "--config", config.toString(), "--yes");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).contains("in use by a running instance");
    }
    assertThat(appState).exists();
  }

  @Test
  void nothingToCleanIsFine() {
    CommandRun run = CommandRun.of(new CleanCommand(Map.of("FANGXIAN_APPLICATION_ID", "never-ran"), answering("yes")),
        "--config", config.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Nothing to clean");
  }
}
