package mxlab.pop3.command;

import java.util.EnumSet;
import java.util.Set;
import mxlab.pop3.session.Pop3State;

/** The state sets commands run in. */
final class States {
  static final Set<Pop3State> AUTHORIZATION = EnumSet.of(Pop3State.AUTHORIZATION);
  static final Set<Pop3State> TRANSACTION = EnumSet.of(Pop3State.TRANSACTION);
  static final Set<Pop3State> BOTH = EnumSet.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION);

  private States() {}
}
