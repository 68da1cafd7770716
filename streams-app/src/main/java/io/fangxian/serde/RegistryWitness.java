package io.fangxian.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Remembers, in a file, which schema each registry id stood for when this instance first used it.
 * Records carry only the id, so a registry that lost its storage and issued the same ids again for
 * other schemas would make them decode as the wrong type; the witness catches that before a record
 * is read, and {@link #verify} checks every remembered id at start-up.
 *
 * <p>One line per id: {@code <id> <parsing fingerprint, hex> <full name>}. Lines are appended and
 * written through, so a crash loses at most the id being added.
 */
public final class RegistryWitness {
  private record Entry(long fingerprint, String fullName) { }

  private final Path file;
  private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();

  private RegistryWitness(Path file) {
    this.file = file;
  }

  /** The witness kept in this file (created on first use). */
  public static RegistryWitness open(Path file) {
    RegistryWitness witness = new RegistryWitness(file);
    if (Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] parts = line.trim().split(" ");
          if (parts.length == 3) {  // a line cut short by a crash is ignored
            witness.entries.put(Integer.parseInt(parts[0]),
                new Entry(Long.parseUnsignedLong(parts[1], 16), parts[2]));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the schema id witness " + file, e);
      } catch (NumberFormatException e) {
        throw new IllegalStateException("the schema id witness " + file + " is damaged: " + e.getMessage()
            + "; delete it to start a new one", e);
      }
    }
    return witness;
  }

  public Path file() {
    return file;
  }

  /** How many ids are remembered. */
  public int size() {
    return entries.size();
  }

  /**
   * Records the schema of a new id, or throws if the id stood for another schema before.
   *
   * @throws RegistryMismatchException when the registry's answer differs from what it said before
   */
  public void check(String registryUrl, int id, Schema schema) {
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    Entry known = entries.get(id);
    if (known == null) {
      remember(id, new Entry(fingerprint, schema.getFullName()));
    } else if (known.fingerprint() != fingerprint) {
      throw mismatch(registryUrl, id, known, "now answers " + schema.getFullName() + " with another definition");
    }
  }

  /** Whether this id was seen before (a registry answering "not found" for it has lost it). */
  public boolean knows(int id) {
    return entries.containsKey(id);
  }

  /** The error for a remembered id that the registry no longer has. */
  public RegistryMismatchException lost(String registryUrl, int id) {
    return mismatch(registryUrl, id, entries.get(id), "no longer has it");
  }

  /**
   * Asks the registry for every remembered id and returns what differs, one message per id
   * (empty when the registry still answers what it answered before).
   */
  public List<String> verify(SchemaRegistryClient registry) {
    List<String> problems = new ArrayList<>();
    entries.keySet().stream().sorted().forEach(id -> {
      try {
        check(registry.url(), id, registry.getById(id));
      } catch (RegistryMismatchException e) {
        problems.add(e.getMessage());
      } catch (SchemaRegistryException e) {
        if (!e.isNotFound()) {
          throw e;  // unreachable or failing: that says nothing about the ids
        }
        problems.add(lost(registry.url(), id).getMessage());
      }
    });
    return problems;
  }

  private synchronized void remember(int id, Entry entry) {
    if (entries.putIfAbsent(id, entry) != null) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, id + " " + Long.toHexString(entry.fingerprint()) + " " + entry.fullName() + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the schema id witness " + file, e);
    }
  }

  private RegistryMismatchException mismatch(String registryUrl, int id, Entry known, String what) {
    return new RegistryMismatchException("Schema registry " + registryUrl + " has lost or changed schema id " + id
        + ": it stood for " + known.fullName() + " (fingerprint " + Long.toHexString(known.fingerprint()) + ") and the registry "
        + what + ". Records in Kafka that carry id " + id + " cannot be read correctly, so Fangxian stops reading."
        + " The data in Kafka is intact: restore the registry's storage (docs/configuration.md, 'Schema registry"
        + " durability') and start again. The ids this instance has seen are in " + file + ".", registryUrl, id);
  }
}
