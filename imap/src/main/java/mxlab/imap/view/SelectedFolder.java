package mxlab.imap.view;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.parse.SequenceSet;
import mxlab.imap.session.Response;
import mxlab.store.Flag;
import mxlab.store.Folder;
import mxlab.store.FolderChange;
import mxlab.store.Message;

/**
 * One session's view of its selected folder: the messages as this client was last told of them,
 * sequence number {@code n} at index {@code n - 1} of a sorted array of UIDs, so sequence number to
 * UID is O(1) and back O(log n). It changes only when {@link #refresh} reports the change to the
 * client (RFC 3501 7.4.1, RFC 2180 4): until an expunge may be told, the message keeps its number
 * as a ghost whose data is gone.
 *
 * <p>The view listens to its folder from the moment it opens, and notes which UIDs the changes it
 * hears of touch; a refresh looks at those alone, so a change costs the same in a folder of 100,000
 * messages as in one of ten. Only when more changed than it is worth noting does a refresh compare
 * the whole folder.
 *
 * <p>\Recent (RFC 3501 2.3.2): a read-write view claims the messages it is the first to report from
 * its folder, so they are recent here and nowhere else; a read-only one sees as recent what no
 * session has claimed.
 */
public final class SelectedFolder {
  private final Folder folder;
  private final boolean readOnly;
  private long[] uids = new long[16];
  private Message[] messages = new Message[16];
  private final BitSet ghosts = new BitSet();
  private int size;
  private boolean modseqs;
  private final List<long[]> recent = new ArrayList<>(); // UID ranges [from, to), ascending, apart
  private final Runnable wake;
  private AutoCloseable listening;
  private long[] saved = new long[0]; // RFC 5182 search result variable: UIDs, ascending

  // what the changes heard since the last refresh touched; guarded by itself
  private final Set<Long> touched = new HashSet<>();
  private boolean arrived; // new messages were added (or may have been: a delivery)
  private boolean delivered; // a delivery linked mail into new/: look at the directories
  private boolean overflowed; // too many changes to note: compare the whole folder

  private SelectedFolder(Folder folder, boolean readOnly, Runnable wake) {
    this.folder = folder;
    this.readOnly = readOnly;
    this.wake = wake;
  }

  /** A view that hears of changes only when it is refreshed. */
  public static SelectedFolder open(Folder folder, boolean readOnly) throws IOException {
    return open(folder, readOnly, () -> {});
  }

  /**
   * A view of {@code folder} as it is now; after each change to it {@code wake} runs, on the
   * changing thread, so the session can refresh the view when it may. {@link #close} stops that.
   */
  public static SelectedFolder open(Folder folder, boolean readOnly, Runnable wake)
      throws IOException {
    SelectedFolder v = new SelectedFolder(folder, readOnly, wake);
    v.listening = folder.listen(v::heard); // first, so that nothing after the snapshot is missed
    for (Message m : folder.messages()) {
      v.add(m);
    }
    v.noteRecent(1);
    return v;
  }

  /** Stops listening to the folder. */
  public void close() {
    try {
      listening.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Notes what a change touched; called on the changing thread. */
  private void heard(FolderChange change) {
    synchronized (touched) {
      if (change instanceof FolderChange.Appended) {
        arrived = true;
      } else if (change instanceof FolderChange.Arrived) {
        delivered = true;
      } else if (change instanceof FolderChange.FlagsChanged f) {
        note(List.of(f.message().uid()));
      } else if (change instanceof FolderChange.Expunged e) {
        note(e.uids());
      }
    }
    wake.run();
  }

  private void note(List<Long> uids) {
    if (overflowed) {
      return;
    }
    touched.addAll(uids);
    if (touched.size() > Math.max(1024, size / 4)) {
      overflowed = true; // one pass over the folder is cheaper than this many lookups
      touched.clear();
    }
  }

  /** CONDSTORE is enabled (RFC 7162 3.1.4): flag updates carry MODSEQ, and a new one is told. */
  public void reportModSeqs() {
    modseqs = true;
  }

  public Folder folder() {
    return folder;
  }

  public boolean readOnly() {
    return readOnly;
  }

  /** EXISTS: the messages the client knows, ghosts included. */
  public int exists() {
    return size;
  }

  public long uid(int index) {
    return uids[index];
  }

  /** The message at {@code index} as last seen; null for a ghost (expunged, not yet told). */
  public Message message(int index) {
    return ghosts.get(index) ? null : messages[index];
  }

  /** The index of a UID, or -1. */
  public int indexOf(long uid) {
    int i = Arrays.binarySearch(uids, 0, size, uid);
    return i < 0 ? -1 : i;
  }

  /** Whether the message at {@code index} is \Recent in this session. */
  public boolean recent(int index) {
    long uid = uids[index];
    int lo = 0;
    int hi = recent.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long[] r = recent.get(mid);
      if (uid < r[0]) {
        hi = mid - 1;
      } else if (uid >= r[1]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** RECENT: the messages the client counts that are \Recent in this session. */
  public int recentCount() {
    int n = 0;
    for (long[] r : recent) {
      n += lowerBound(r[1]) - lowerBound(r[0]);
    }
    return n;
  }

  /** The FLAGS of the message at {@code index}: its own, and \Recent if it is so here. */
  public List<String> flagNames(int index, Message m) {
    List<String> names = m.flags().imapNames();
    if (!recent(index)) {
      return names;
    }
    List<String> withRecent = new ArrayList<>(names);
    withRecent.add("\\Recent");
    return withRecent;
  }

  /** Messages the client counts (ghosts included) whose flags say \Seen or not. */
  public int firstUnseen() {
    for (int i = 0; i < size; i++) {
      if (!ghosts.get(i) && !messages[i].flags().has(Flag.SEEN)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** A message's new flags, set by this session: the client hears of them from the command. */
  public void updated(Message m) {
    int i = indexOf(m.uid());
    if (i >= 0 && !ghosts.get(i)) {
      messages[i] = m;
    }
  }

  /**
   * The indexes a sequence set names, ascending. By sequence numbers every number must exist (BAD
   * otherwise); by UIDs those that do not exist are ignored, and {@code *} is the highest UID (RFC
   * 3501 6.4.8, 9 "seq-range").
   */
  public BitSet select(SequenceSet set, boolean byUid) throws ImapSyntaxException {
    BitSet out = new BitSet(size);
    if (set.saved()) {
      // $ by UID whatever the command: messages expunged since are no longer in the view
      for (long uid : saved) {
        int i = Arrays.binarySearch(uids, 0, size, uid);
        if (i >= 0) {
          out.set(i);
        }
      }
      return out;
    }
    for (SequenceSet.Range r : set.ranges()) {
      if (byUid) {
        if (size == 0) {
          continue;
        }
        long max = uids[size - 1];
        long a = r.from() == SequenceSet.STAR ? max : r.from();
        long b = r.to() == SequenceSet.STAR ? max : r.to();
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        int i = Arrays.binarySearch(uids, 0, size, lo);
        for (i = i < 0 ? -i - 1 : i; i < size && uids[i] <= hi; i++) {
          out.set(i);
        }
      } else {
        long a = r.from() == SequenceSet.STAR ? size : r.from();
        long b = r.to() == SequenceSet.STAR ? size : r.to();
        if (a < 1 || b < 1 || a > size || b > size) {
          throw new ImapSyntaxException("Invalid message sequence number");
        }
        out.set((int) Math.min(a, b) - 1, (int) Math.max(a, b));
      }
    }
    return out;
  }

  /** SEARCH RETURN (SAVE) (RFC 5182 2.1): what {@code $} names from now on, UIDs ascending. */
  public void save(List<Long> found) {
    saved = found.stream().mapToLong(Long::longValue).toArray();
  }

  /** Whether the message with this UID is in the saved search result ({@code $} as a key). */
  public boolean isSaved(long uid) {
    return Arrays.binarySearch(saved, uid) >= 0;
  }

  /**
   * Brings the view up to the folder's state and returns what the client must hear of it: EXPUNGE
   * (only where {@code expunges} allows, highest first so each number is still right), FETCH FLAGS
   * for flags others changed, EXISTS for new messages. With {@code look} the folder's directories
   * are read first (NOOP, IDLE: others may have changed them); otherwise the view takes in the
   * changes it heard of.
   */
  public List<byte[]> refresh(boolean expunges, boolean look) throws IOException {
    if (look || takeDelivered()) {
      folder.look(); // what it finds is heard like any other change
    }
    Set<Long> changed;
    boolean added;
    boolean whole;
    synchronized (touched) {
      changed = touched.isEmpty() ? Set.of() : new HashSet<>(touched);
      touched.clear();
      added = arrived;
      whole = overflowed;
      arrived = false;
      overflowed = false;
    }
    List<Long> flagged = new ArrayList<>();
    if (whole) {
      compareAll(flagged);
    } else if (!changed.isEmpty()) {
      compare(changed, flagged);
    }
    List<byte[]> out = new ArrayList<>();
    if (expunges) {
      expungeGhosts(out);
    }
    for (long uid : flagged) {
      int i = indexOf(uid);
      if (i >= 0 && !ghosts.get(i)) {
        out.add(flagsResponse(i));
      }
    }
    if (added || whole) {
      int before = size;
      long last = size == 0 ? 0 : uids[size - 1];
      for (Message m : folder.messagesAfter(last)) {
        add(m);
      }
      if (size != before) {
        noteRecent(last + 1);
        out.add(Response.untagged().number(size).atom("EXISTS").line());
        out.add(Response.untagged().number(recentCount()).atom("RECENT").line()); // RFC 3501 7.3.2
      }
    }
    return out;
  }

  private boolean takeDelivered() {
    synchronized (touched) {
      boolean d = delivered;
      delivered = false;
      return d;
    }
  }

  /** The messages heard changed, as they are now: gone ones become ghosts. */
  private void compare(Set<Long> changed, List<Long> flagged) throws IOException {
    Map<Long, Message> now = folder.messages(changed);
    long[] sorted = changed.stream().mapToLong(Long::longValue).sorted().toArray();
    for (long uid : sorted) {
      int i = indexOf(uid);
      if (i < 0 || ghosts.get(i)) {
        continue; // not told yet (an arrival) or already gone
      }
      seen(i, now.get(uid), flagged);
    }
  }

  /** Every message against the folder as it is now. */
  private void compareAll(List<Long> flagged) throws IOException {
    List<Message> now = folder.messages();
    int j = 0;
    for (int i = 0; i < size; i++) {
      while (j < now.size() && now.get(j).uid() < uids[i]) {
        j++; // a UID below ours we never knew: cannot happen with ascending UIDs
      }
      if (ghosts.get(i)) {
        continue;
      }
      seen(i, j < now.size() && now.get(j).uid() == uids[i] ? now.get(j) : null, flagged);
    }
  }

  private void seen(int i, Message now, List<Long> flagged) {
    if (now == null) {
      ghosts.set(i);
      return;
    }
    if (!now.flags().equals(messages[i].flags())
        || modseqs && now.modseq() != messages[i].modseq()) {
      flagged.add(now.uid());
    }
    messages[i] = now;
  }

  private void expungeGhosts(List<byte[]> out) {
    if (ghosts.isEmpty()) {
      return;
    }
    for (int i = ghosts.previousSetBit(size - 1); i >= 0; i = ghosts.previousSetBit(i - 1)) {
      out.add(Response.untagged().number(i + 1).atom("EXPUNGE").line());
    }
    int k = 0;
    for (int i = 0; i < size; i++) {
      if (!ghosts.get(i)) {
        uids[k] = uids[i];
        messages[k] = messages[i];
        k++;
      }
    }
    Arrays.fill(messages, k, size, null);
    size = k;
    ghosts.clear();
  }

  /** The message of this UID in a list sorted by UID, or null. */
  public static Message find(List<Message> sorted, long uid) {
    int lo = 0;
    int hi = sorted.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long u = sorted.get(mid).uid();
      if (u < uid) {
        lo = mid + 1;
      } else if (u > uid) {
        hi = mid - 1;
      } else {
        return sorted.get(mid);
      }
    }
    return null;
  }

  /**
   * "* n FETCH (UID u FLAGS (...))": an unsolicited flag update (RFC 3501 7.4.2), with "MODSEQ (m)"
   * once CONDSTORE is enabled (RFC 7162 3.1.4).
   */
  private byte[] flagsResponse(int index) {
    Message m = messages[index];
    Response r = Response.untagged().number(index + 1).atom("FETCH").open();
    r.atom("UID").number(m.uid()).atom("FLAGS").atomList(flagNames(index, m));
    if (modseqs) {
      r.atom("MODSEQ").open().number(m.modseq()).close();
    }
    return r.close().line();
  }

  /**
   * The messages from UID {@code firstNew} on are reported for the first time: those no session
   * claimed are recent here (and claimed, unless read-only).
   */
  private void noteRecent(long firstNew) throws IOException {
    long upTo = size == 0 ? 0 : uids[size - 1] + 1;
    if (upTo <= firstNew) {
      return;
    }
    long from = Math.max(firstNew, readOnly ? folder.firstRecent() : folder.claimRecent(upTo));
    if (from >= upTo) {
      return;
    }
    long[] last = recent.isEmpty() ? null : recent.get(recent.size() - 1);
    if (last != null && last[1] == from) {
      last[1] = upTo; // claims follow one another: one range, not one per claim
    } else {
      recent.add(new long[] {from, upTo});
    }
  }

  /** The index of the first UID at or above {@code uid}. */
  private int lowerBound(long uid) {
    int i = Arrays.binarySearch(uids, 0, size, uid);
    return i < 0 ? -i - 1 : i;
  }

  private void add(Message m) {
    if (size == uids.length) {
      uids = Arrays.copyOf(uids, size * 2);
      messages = Arrays.copyOf(messages, size * 2);
    }
    uids[size] = m.uid();
    messages[size] = m;
    size++;
  }
}
