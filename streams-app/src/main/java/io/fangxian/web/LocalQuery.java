package io.fangxian.web;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Optional;
import java.util.function.Function;

/**
 * A question each instance answers from its own stores, declared once: its name on the internal
 * endpoint ({@code GET /internal/v1/local/{name}?args=<json>}), the store it reads and which
 * instances the {@link Router} asks for it, the type of its arguments (sent as JSON) and of its
 * answer, and the local read (empty: nothing held here). The caller merges the answers.
 *
 * @param key the key whose partition decides the owner ({@link Reach#OWNER} only)
 */
public record LocalQuery<A, T>(String name, Reach reach, String store, Function<A, String> key, Class<A> args,
                        TypeReference<T> answer, Function<A, Optional<T>> read) {

  /** Which instances answer, found from the Kafka Streams metadata of the store. */
  public enum Reach {
    /** The instance holding the key's partition of the store ({@code queryMetadataForKey}). */
    OWNER,
    /** Each instance holding some partition of the store answers its part ({@code streamsMetadataForStore}). */
    PARTS,
    /** Any instance may hold it (the store is not partitioned by the key asked): the first that has it. */
    ANY
  }

  /** Answered by the instance holding {@code key}'s partition of {@code store}. */
  public static <A, T> LocalQuery<A, T> byKey(String name, String store, Class<A> args, Function<A, String> key,
      TypeReference<T> answer, Function<A, Optional<T>> read) {
    return new LocalQuery<>(name, Reach.OWNER, store, key, args, answer, read);
  }

  /** Answered in parts by every instance holding some of {@code store}. */
  public static <A, T> LocalQuery<A, T> inParts(String name, String store, Class<A> args, TypeReference<T> answer,
      Function<A, T> read) {
    return new LocalQuery<>(name, Reach.PARTS, store, null, args, answer, a -> Optional.of(read.apply(a)));
  }

  /** Answered by whichever instance holds it: every instance is asked. */
  public static <A, T> LocalQuery<A, T> anywhere(String name, Class<A> args, TypeReference<T> answer,
      Function<A, Optional<T>> read) {
    return new LocalQuery<>(name, Reach.ANY, null, null, args, answer, read);
  }
}
