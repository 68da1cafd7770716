package io.fangxian.embedded;

/** Started as a separate JVM by {@link RegistryWatchdogTest}: starts a registry, then waits to be killed. */
public final class RegistryOrphanProbe {
  private RegistryOrphanProbe() { }

  public static void main(String[] args) throws Exception {
    EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().build().start();
    System.out.println("READY " + registry.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
