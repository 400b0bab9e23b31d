package org.rdsecho.cli;

import org.rdsecho.plane.PlaneContext;

/** The data planes' view of a run: cli wires them, they never reach back into it. */
final class PlaneWiring {
  private PlaneWiring() {}

  static PlaneContext of(Context ctx) {
    return new PlaneContext(
        ctx.config(),
        ctx.name(),
        ctx.env().clock(),
        ctx.env().workDir(),
        ctx.env().variables(),
        ctx::s3,
        line -> ctx.console().progress(line),
        line -> ctx.console().warn(line));
  }
}
