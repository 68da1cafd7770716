package io.fangxian.web;

import io.javalin.Javalin;

/**
 * A REST resource: its routes, answered (for reads) through the {@link Router}'s local queries. The
 * server sets up security, limits and errors around them.
 */
public interface Resource {
  /** Adds the resource's routes. */
  void routes(Javalin app);
}
