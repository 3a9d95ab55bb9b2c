package mxlab.smtp.policy;

import java.util.Optional;
import mxlab.core.reply.SmtpReply;
import mxlab.core.spec.AccessEntry;

/** How an access-map action answers, the same for Connect, From and To. */
final class AccessReplies {
  private AccessReplies() {}

  /** REJECT, ERROR and DISCARD decide; OK and RELAY leave the rest to later hooks. */
  static HookResult of(Optional<AccessEntry> entry, SmtpReply reject) {
    if (entry.isEmpty()) {
      return HookResult.declined();
    }
    AccessEntry e = entry.get();
    return switch (e.action()) {
      case REJECT -> HookResult.refuse(reject);
      case ERROR -> HookResult.refuse(e.error().reply());
      case DISCARD -> HookResult.discarding();
      case OK, RELAY -> HookResult.declined();
    };
  }
}
