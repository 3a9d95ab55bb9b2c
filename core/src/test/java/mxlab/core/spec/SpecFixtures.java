package mxlab.core.spec;

import java.nio.file.Path;
import java.util.List;
import mxlab.core.spec.read.SpecLoader;

/** Parses spec text in tests and returns the spec or the problems, printed as users see them. */
public final class SpecFixtures {
  public static final String PASSWORD_HASH =
      "{SHA512-CRYPT}$6$bM7RHYiGtb.LAoEd$UgyagpQQhP6Cl8sksJ4OCD2KpC3OPzIfdUDF5/kbMp9h"
          + ".JrLw3kyxqnDJqVR7surnpqOqDwKOPchvF58EASM00"; // "changeme"

  private SpecFixtures() {}

  public static Spec spec(String yaml) {
    try {
      return SpecLoader.parse("t.yaml", yaml, Path.of("/tmp")).spec();
    } catch (SpecException e) {
      throw new AssertionError("spec should be valid but:\n" + e.getMessage(), e);
    }
  }

  public static List<Problem> problems(String yaml) {
    try {
      return SpecLoader.parse("t.yaml", yaml, Path.of("/tmp")).warnings();
    } catch (SpecException e) {
      return e.problems();
    }
  }

  /** Every problem as "t.yaml:LINE:COL: severity: message" plus the hint line. */
  public static String report(String yaml) {
    StringBuilder out = new StringBuilder();
    problems(yaml).forEach(p -> out.append(p).append('\n'));
    return out.toString();
  }

  /** A minimal valid spec with one domain and the given extra lines under the domain. */
  public static String minimal(String domainLines) {
    return "version: 1\n"
        + "domains:\n"
        + "  - name: bann.com\n"
        + "    hosts: { mail: 192.168.0.100 }\n"
        + "    users:\n"
        + "      - { name: test, password: \""
        + PASSWORD_HASH
        + "\" }\n"
        + "      - { name: master, password: \"{PLAIN}changeme\" }\n"
        + domainLines;
  }
}
