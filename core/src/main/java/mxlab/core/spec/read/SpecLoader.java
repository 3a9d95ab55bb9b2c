package mxlab.core.spec.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import mxlab.core.spec.Location;
import mxlab.core.spec.Problem;
import mxlab.core.spec.Problems;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecException;

/** Reads, binds and checks a spec file; the only way to obtain a {@link Spec}. */
public final class SpecLoader {
  private SpecLoader() {}

  /** A usable spec and the warnings it drew. */
  public record Loaded(Spec spec, List<Problem> warnings) {}

  public static Loaded load(Path file) throws SpecException {
    String name = file.toString();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      Problems big = new Problems();
      // the size first, so a huge file is never read; the bounded read for files without one
      if (SpecLimits.tooBig(name, Files.size(file), big)) {
        throw new SpecException(big.all());
      }
      bytes = in.readNBytes(SpecLimits.MAX_BYTES + 1);
      if (SpecLimits.tooBig(name, bytes.length, big)) {
        throw new SpecException(big.all());
      }
    } catch (NoSuchFileException e) {
      throw single(name, "no such file", "check the path, or create one with 'mxlab init DOMAIN'");
    } catch (IOException e) {
      throw single(name, "cannot read the file: " + e.getMessage(), "");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw single(name, "the file is not UTF-8 text", "save it as UTF-8");
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(name, text, dir);
  }

  /**
   * Parses spec text; relative paths in it resolve against {@code baseDir}, as they would beside
   * the file.
   */
  public static Loaded parse(String fileName, String text, Path baseDir) throws SpecException {
    Problems problems = new Problems();
    if (SpecLimits.tooBig(fileName, text.length(), problems)
        || SpecLimits.lineTooLong(fileName, text, problems)) {
      throw new SpecException(problems.all());
    }
    Node root = YamlTree.parse(fileName, text, problems);
    if (root == null) {
      throw new SpecException(problems.all());
    }
    String base = Path.of(fileName).getFileName().toString();
    String stem = base.replaceFirst("\\.(ya?ml)$", "");
    SpecReader reader = new SpecReader(fileName, baseDir, stem, problems);
    Spec spec = reader.read(root);
    new SpecChecks(spec, reader.references(), problems)
        .run(); // even after errors: report all at once
    if (problems.hasErrors()) {
      throw new SpecException(problems.all());
    }
    return new Loaded(spec, problems.warnings());
  }

  private static SpecException single(String file, String message, String hint) {
    Problems p = new Problems();
    p.error(Location.of(file), message, hint);
    return new SpecException(p.all());
  }
}
