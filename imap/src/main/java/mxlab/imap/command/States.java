package mxlab.imap.command;

import java.util.EnumSet;
import java.util.Set;
import mxlab.imap.session.ImapState;

/** The state sets commands run in (RFC 3501 6.1 to 6.4). */
final class States {
  static final Set<ImapState> ANY =
      EnumSet.of(ImapState.NOT_AUTHENTICATED, ImapState.AUTHENTICATED, ImapState.SELECTED);
  static final Set<ImapState> NOT_AUTHENTICATED = EnumSet.of(ImapState.NOT_AUTHENTICATED);
  static final Set<ImapState> AUTHENTICATED =
      EnumSet.of(ImapState.AUTHENTICATED, ImapState.SELECTED);
  static final Set<ImapState> SELECTED = EnumSet.of(ImapState.SELECTED);

  private States() {}
}
