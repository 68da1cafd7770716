package io.fangxian.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Kafka cluster and a schema registry on this machine, started together (the registry keeps
 * its schemas in files of its own, so neither waits for the other) and closed together.
 */
public final class EmbeddedRuntime implements AutoCloseable {
  private final EmbeddedKafkaCluster kafka;
  private final EmbeddedSchemaRegistry registry;

  private EmbeddedRuntime(EmbeddedKafkaCluster kafka, EmbeddedSchemaRegistry registry) {
    this.kafka = kafka;
    this.registry = registry;
  }

  /** Starts both; if either fails, the other is closed and the failure thrown. */
  public static EmbeddedRuntime start(EmbeddedKafkaCluster.Builder kafka, EmbeddedSchemaRegistry.Builder registry) {
    EmbeddedSchemaRegistry schemaRegistry = registry.build();
    CompletableFuture<EmbeddedSchemaRegistry> registryStarted = CompletableFuture.supplyAsync(schemaRegistry::start);
    EmbeddedKafkaCluster cluster;
    try {
      cluster = kafka.build().start();
    } catch (RuntimeException e) {
      registryStarted.handle((r, failure) -> null).join();
      schemaRegistry.close();
      throw e;
    }
    try {
      registryStarted.join();
    } catch (CompletionException e) {
      cluster.close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    return new EmbeddedRuntime(cluster, schemaRegistry);
  }

  /** One broker and a registry, each on free ports, their data in temporary directories. */
  public static EmbeddedRuntime start() {
    return start(EmbeddedKafkaCluster.builder(), EmbeddedSchemaRegistry.builder());
  }

  public EmbeddedKafkaCluster kafka() {
    return kafka;
  }

  public EmbeddedSchemaRegistry registry() {
    return registry;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The Confluent-compatible URL of the registry. */
  public String registryUrl() {
    return registry.url();
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      kafka.close();
    }
  }
}
