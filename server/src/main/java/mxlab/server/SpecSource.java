package mxlab.server;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecException;
import mxlab.core.spec.read.SpecLoader;

/**
 * Where an instance's spec comes from: the file, with the command line's overrides applied on every
 * read, so a reload keeps `--ports`, `--listen` and `--data-dir`.
 */
public record SpecSource(Path file, UnaryOperator<Spec> overrides) {
  public static SpecSource fixed(Spec spec) {
    return new SpecSource(Path.of(spec.file()), s -> s);
  }

  /** Reads and checks the file again; the overrides applied. */
  public SpecLoader.Loaded load() throws SpecException {
    SpecLoader.Loaded loaded = SpecLoader.load(file);
    return new SpecLoader.Loaded(overrides.apply(loaded.spec()), loaded.warnings());
  }
}
