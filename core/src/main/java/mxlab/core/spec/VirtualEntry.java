package mxlab.core.spec;

import java.util.List;

/**
 * A virtusertable line: {@code info@other.org} or {@code @other.org} (catch-all) to targets, or to
 * an error. In targets, {@code %1} stands for the local part the catch-all matched.
 */
public record VirtualEntry(String key, List<String> targets, Rejection error) {
  public VirtualEntry {
    targets = List.copyOf(targets);
  }

  public boolean isCatchAll() {
    return key.startsWith("@");
  }
}
