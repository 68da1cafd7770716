package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import io.fangxian.avro.RiskLevel;
import io.fangxian.embedded.EmbeddedKafkaCluster;
import io.fangxian.embedded.MemoryDirs;
import io.fangxian.embedded.SharedRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * 我的待办 in a real headless Chromium: with the township leader's write token the dashboard lists
 * their alerts, most urgent first, and signs for all of them with one click.
 */
@Tag("browser")
@ExtendWith(SharedRuntime.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MyAlertsBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String WANG_SECRET = "jincheng-leader-wang-secret-9";

  @Test
  void theLeaderSignsForEverythingOnTheirListAtOnce(EmbeddedKafkaCluster kafka) throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      if ("true".equals(System.getenv("CI")) && System.getProperty("skipBrowser") == null) {
        throw new AssertionError("The browser test needs Debian's Chromium; .ci/run installs it.");
      }
      Assumptions.abort("Chromium is not installed: skipped.");
    }
    try (QueryCluster cluster = new QueryCluster(kafka, 1, Map.of("http.token.wang.secret", WANG_SECRET,
        "http.token.wang.scope", "township:jincheng", "http.token.wang.person", "L-JC"))) {
      Instant now = Instant.now();
      cluster.leader(Leader.newBuilder().setLeaderId("L-JC").setName("金城镇 王某").setRole(LeaderRole.TOWNSHIP_LEADER)
          .setTownshipIds(List.of("jincheng")).build());
      Enterprise a = cluster.enterprise("jincheng", "machinery", RiskLevel.YELLOW, false);
      Enterprise b = cluster.enterprise("jincheng", "machinery", RiskLevel.YELLOW, false);
      cluster.awaitRunning(Duration.ofSeconds(60));
      Thread.sleep(1000);
      cluster.report(a, "GB-1", HazardSeverity.GENERAL, HazardSource.SELF_INSPECTION, now.minus(5, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
      cluster.report(b, "MJ-1", HazardSeverity.MAJOR, HazardSource.FLYING_INSPECTION, now.minus(1, ChronoUnit.HOURS), now.plus(9, ChronoUnit.DAYS));
      await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() ->
          cluster.get(0, "/api/v1/me/alerts", WANG_SECRET).body().contains("\"count\":2"));

      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      Path profile = Files.createTempDirectory("fangxian-chromium-");
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
          "--user-data-dir=" + profile, "--window-size=1366,900", "--lang=zh-CN");
      ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
          options);
      try {
        driver.manage().window().setSize(new Dimension(1366, 900));
        driver.get(cluster.url(0) + "/#token=" + QueryCluster.TOKEN + "&writeToken=" + WANG_SECRET);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
            driver.findElement(By.id("mine")).isDisplayed()
                && driver.findElements(By.cssSelector("#mine-list li.mine-item")).size() == 2);
        List<WebElement> items = driver.findElements(By.cssSelector("#mine-list li.mine-item"));
        assertThat(items.get(0).getAttribute("data-key")).isEqualTo("major-hazard:hazard:MJ-1"); // ORANGE first
        assertThat(items.get(1).getAttribute("data-key")).startsWith("overdue-rectification:enterprise:");
        assertThat(driver.findElement(By.id("mine-who")).getText()).contains("金城镇 王某");
        assertThat(driver.findElement(By.id("mine-ack")).isEnabled()).isFalse();

        driver.findElement(By.id("mine-all")).click();
        assertThat(driver.findElement(By.id("mine-ack")).isEnabled()).isTrue();
        driver.findElement(By.id("mine-ack")).click();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
            driver.findElements(By.cssSelector("#mine-list li.mine-item .badge.H-ACKNOWLEDGED")).size() == 2);
        assertThat(driver.findElements(By.cssSelector("#mine-list li.mine-item button[data-action='FEEDBACK']"))).hasSize(2);

        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), out.resolve("my-alerts.png"), StandardCopyOption.REPLACE_EXISTING);
      } finally {
        driver.quit();
        MemoryDirs.delete(profile);
      }
    }
  }
}
