package mxlab.core.spec;

import java.util.List;
import mxlab.core.auth.PasswordHash;

/**
 * A mailbox owner.
 *
 * @param forward where mail goes instead (the user's .forward), full addresses
 * @param keepCopy whether a forwarded message is also kept in the mailbox
 */
public record User(String name, PasswordHash password, List<String> forward, boolean keepCopy) {
  public User {
    forward = List.copyOf(forward);
  }
}
