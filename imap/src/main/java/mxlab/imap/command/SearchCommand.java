package mxlab.imap.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.parse.SequenceSet;
import mxlab.imap.search.Candidate;
import mxlab.imap.search.SearchParser;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.imap.session.Response;
import mxlab.imap.view.SelectedFolder;
import mxlab.store.Message;

/**
 * SEARCH and UID SEARCH [RETURN (options)] [CHARSET UTF-8|US-ASCII] keys (RFC 3501 6.4.4): with
 * RETURN the answer is one ESEARCH response (RFC 4731); with a MODSEQ key it carries the highest
 * mod-sequence found (RFC 7162 3.1.5). RETURN (SAVE) keeps the UIDs found for {@code $} (RFC 5182).
 */
final class SearchCommand implements ImapCommand {
  /** RFC 4731 3 search-return-opt. */
  private enum Return {
    MIN,
    MAX,
    ALL,
    COUNT,
    /** RFC 5182 2.1: keep the result as the search result variable, {@code $}. */
    SAVE
  }

  private final boolean uid;

  SearchCommand(boolean uid) {
    this.uid = uid;
  }

  @Override
  public String name() {
    return uid ? "UID SEARCH" : "SEARCH";
  }

  @Override
  public Set<ImapState> states() {
    return States.SELECTED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    args.space();
    EnumSet<Return> returns = EnumSet.noneOf(Return.class); // filled as read, SAVE seen or not
    try {
      search(session, tag, args, returns);
    } catch (ImapSyntaxException | IOException | RuntimeException e) {
      unsave(session, returns);
      throw e;
    }
  }

  /** RFC 5182 2.1: a SEARCH with SAVE that fails leaves the search result variable empty. */
  private static void unsave(ImapSession session, Set<Return> returns) {
    if (returns.contains(Return.SAVE)) {
      session.selected().save(List.of());
    }
  }

  private void search(ImapSession session, String tag, Arguments args, EnumSet<Return> returns)
      throws IOException, ImapSyntaxException {
    boolean extended = false;
    if (args.peekAtom().equalsIgnoreCase("RETURN")) {
      args.atom();
      args.space();
      returnOptions(args, returns);
      extended = true;
      args.space();
    }
    if (args.peekAtom().equalsIgnoreCase("CHARSET")) {
      args.atom();
      args.space();
      String charset = args.astring().toUpperCase(Locale.ROOT);
      args.space();
      if (!charset.equals("UTF-8") && !charset.equals("US-ASCII")) {
        unsave(session, returns);
        session.no(tag, "[BADCHARSET (UTF-8 US-ASCII)] Unsupported charset"); // RFC 5530
        return;
      }
    }
    SelectedFolder view = session.selected();
    SearchParser.Query query = SearchParser.query(args, view::isSaved);
    if (query.modseq()) {
      session.enable(ImapSession.CONDSTORE); // RFC 7162 3.1: a CONDSTORE enabling command
    }
    List<Long> hits = new ArrayList<>();
    List<Long> found = new ArrayList<>(); // the UIDs of the hits, for SAVE
    List<Long> modseqs = new ArrayList<>();
    long maxUid = view.exists() == 0 ? 0 : view.uid(view.exists() - 1);
    List<Message> now = view.folder().messages(); // flags and files as they are now
    try {
      for (int i = 0; i < view.exists(); i++) {
        Message m = SelectedFolder.find(now, view.uid(i));
        if (m == null) {
          continue; // expunged meanwhile: nothing to match
        }
        Candidate c =
            new Candidate(
                i + 1, m, view.recent(i), view.exists(), maxUid, session.environment().cache());
        if (query.key().matches(c)) {
          hits.add(uid ? m.uid() : i + 1);
          found.add(m.uid());
          if (query.modseq()) {
            modseqs.add(m.modseq());
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    boolean save = returns.remove(Return.SAVE);
    if (save) {
      view.save(saved(returns, found));
    } else if (extended && returns.isEmpty()) {
      returns.add(Return.ALL); // "RETURN ()" (RFC 4731 3)
    }
    if (!extended) {
      StringBuilder out = new StringBuilder("SEARCH");
      hits.forEach(h -> out.append(' ').append(h));
      if (query.modseq() && !hits.isEmpty()) {
        out.append(" (MODSEQ ").append(highest(modseqs)).append(')');
      }
      session.untagged(out.toString());
    } else if (!returns.isEmpty()) { // SAVE alone: no ESEARCH response (RFC 5182 2.4)
      session.send(esearch(tag, returns, hits, query.modseq() ? modseqs : null));
    }
    session.ok(tag, name() + " completed");
  }

  /**
   * What SAVE keeps (RFC 5182 2.4): with MIN or MAX but neither ALL nor COUNT just those, else
   * everything found.
   */
  private static List<Long> saved(Set<Return> returns, List<Long> found) {
    boolean every = returns.contains(Return.ALL) || returns.contains(Return.COUNT);
    if (every || found.isEmpty() || returns.isEmpty()) {
      return found;
    }
    List<Long> some = new ArrayList<>();
    if (returns.contains(Return.MIN)) {
      some.add(found.get(0));
    }
    if (returns.contains(Return.MAX) && !some.contains(found.get(found.size() - 1))) {
      some.add(found.get(found.size() - 1));
    }
    return some;
  }

  /** "(MIN MAX ...)" into {@code returns}; empty means ALL (RFC 4731 3). */
  private static void returnOptions(Arguments args, EnumSet<Return> returns)
      throws ImapSyntaxException {
    args.expect('(');
    boolean first = true;
    while (!args.tryChar(')')) {
      if (!first) {
        args.space();
      }
      first = false;
      String option = args.atom().toUpperCase(Locale.ROOT);
      try {
        returns.add(Return.valueOf(option));
      } catch (IllegalArgumentException e) {
        throw new ImapSyntaxException("Unknown search return option " + option);
      }
    }
  }

  /**
   * "* ESEARCH (TAG "a") UID MIN 2 MAX 9 ALL 2,4:9 COUNT 7": MIN, MAX and ALL only when something
   * matched; with {@code modseqs}, the highest mod-sequence of the messages returned (RFC 7162
   * 3.1.5).
   */
  private byte[] esearch(String tag, Set<Return> returns, List<Long> hits, List<Long> modseqs) {
    Response r = Response.untagged().atom("ESEARCH").open().atom("TAG").string(tag).close();
    if (uid) {
      r.atom("UID");
    }
    if (!hits.isEmpty()) {
      if (returns.contains(Return.MIN)) {
        r.atom("MIN").number(hits.get(0));
      }
      if (returns.contains(Return.MAX)) {
        r.atom("MAX").number(hits.get(hits.size() - 1));
      }
      if (returns.contains(Return.ALL)) {
        r.atom("ALL").atom(SequenceSet.compress(hits));
      }
    }
    if (returns.contains(Return.COUNT)) {
      r.atom("COUNT").number(hits.size());
    }
    if (modseqs != null && !hits.isEmpty()) {
      boolean every = returns.contains(Return.ALL) || returns.contains(Return.COUNT);
      List<Long> returned = new ArrayList<>();
      if (every) {
        returned = modseqs;
      } else {
        if (returns.contains(Return.MIN)) {
          returned.add(modseqs.get(0));
        }
        if (returns.contains(Return.MAX)) {
          returned.add(modseqs.get(modseqs.size() - 1));
        }
      }
      r.atom("MODSEQ").number(highest(returned));
    }
    return r.line();
  }

  private static long highest(List<Long> modseqs) {
    return modseqs.stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
