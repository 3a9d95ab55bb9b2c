package mxlab.imap.mime;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import mxlab.store.Message;

/**
 * Parsed messages, most recently used first, up to a total of octets: a client fetching ENVELOPE,
 * BODYSTRUCTURE and then sections of the same messages parses each once. A message's content never
 * changes (flags live in its name), so its folder and base name are the key.
 */
public final class MessageCache {
  private final long maxOctets;
  private final LinkedHashMap<String, MimePart> parts = new LinkedHashMap<>(64, 0.75f, true);
  private long octets;

  public MessageCache(long maxOctets) {
    this.maxOctets = maxOctets;
  }

  /** The message parsed, from the cache or from its file. */
  public MimePart parsed(Message m) throws IOException {
    String key = m.path().getParent().getParent() + "/" + m.base();
    synchronized (this) {
      MimePart p = parts.get(key);
      if (p != null) {
        return p;
      }
    }
    MimePart p = MimePart.parse(LineEnds.toCrlf(Files.readAllBytes(m.path())));
    synchronized (this) {
      if (parts.put(key, p) == null) {
        octets += p.weight();
      }
      var it = parts.entrySet().iterator();
      while (octets > maxOctets && it.hasNext()) {
        Map.Entry<String, MimePart> eldest = it.next();
        if (eldest.getValue() == p) {
          break;
        }
        octets -= eldest.getValue().weight();
        it.remove();
      }
    }
    return p;
  }
}
