package io.fangxian.web;

import io.javalin.Javalin;

/** A slice's REST resource for reads: its public routes, answered through the {@link Router}'s local queries. */
public interface ReadResource {
  /** Adds the resource's {@code GET} routes; the server has set up security and errors around them. */
  void routes(Javalin app);
}
