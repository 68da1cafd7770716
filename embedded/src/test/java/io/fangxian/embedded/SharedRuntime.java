package io.fangxian.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Kafka broker and one schema registry for all the test classes of a test JVM that take an
 * {@link EmbeddedKafkaCluster} or an {@link EmbeddedSchemaRegistry} parameter: the first to ask
 * starts it, and JUnit closes it when the run ends (it lives in the root context's store). Each
 * start costs seconds, more on a busy machine, and there were a dozen of each in a build.
 *
 * <p>A test on them uses a topic prefix, an application id and consumer groups of its own, and
 * deletes its topics when done ({@link #deleteTopics}). Tests that stop, kill or count brokers or
 * registries start their own.
 */
public final class SharedRuntime implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedRuntime.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == EmbeddedKafkaCluster.class || type == EmbeddedSchemaRegistry.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    if (parameter.getParameter().getType() == EmbeddedSchemaRegistry.class) {
      return store.getOrComputeIfAbsent(EmbeddedSchemaRegistry.class,
          k -> EmbeddedSchemaRegistry.builder().build().start(), EmbeddedSchemaRegistry.class);
    }
    return store.getOrComputeIfAbsent(Broker.class, k -> new Broker(), Broker.class).kafka;
  }

  /** Deletes the topics whose names start with one of the prefixes: a test's own, once it is done. */
  public static void deleteTopics(EmbeddedKafkaCluster kafka, String... prefixes) {
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      List<String> mine = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(t -> List.of(prefixes).stream().anyMatch(t::startsWith)).toList();
      admin.deleteTopics(mine).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not delete the topics of " + List.of(prefixes), e);
    }
  }

  /** The broker, with its data in memory where the machine allows ({@link MemoryDirs}), deleted on close. */
  private static final class Broker implements AutoCloseable {
    final Path dir = MemoryDirs.create("fangxian-shared-kafka-");
    final EmbeddedKafkaCluster kafka;

    Broker() {
      try {
        kafka = EmbeddedKafkaCluster.builder().dataDir(dir).build().start();
      } catch (RuntimeException e) {
        MemoryDirs.delete(dir);
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        kafka.close();
      } finally {
        MemoryDirs.delete(dir);
      }
    }
  }
}
