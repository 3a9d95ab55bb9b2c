package mxlab.core.spec.read;

import mxlab.core.spec.Location;

/** Scalar values with the place they were written. */
final class Scalars {
  private Scalars() {}

  record Item(String text, Location location) {}
}
