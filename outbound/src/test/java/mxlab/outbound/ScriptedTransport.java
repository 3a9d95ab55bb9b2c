package mxlab.outbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mxlab.core.queue.Envelope;
import mxlab.core.reply.SmtpReply;

/** A remote that answers each recipient as the test scripted ("451 4.4.1 ..."), and remembers. */
final class ScriptedTransport implements Transport {
  record Call(String domain, List<String> recipients, String data) {}

  final List<Call> calls = new ArrayList<>();
  private final Map<String, String> replies = new HashMap<>();

  ScriptedTransport answer(String recipient, String reply) {
    replies.put(recipient, reply);
    return this;
  }

  @Override
  public List<RecipientResult> deliver(
      Envelope envelope, byte[] data, String domain, List<String> recipients) {
    calls.add(new Call(domain, recipients, new String(data, StandardCharsets.UTF_8)));
    List<RecipientResult> out = new ArrayList<>();
    for (String r : recipients) {
      String reply = replies.getOrDefault(r, "250 2.0.0 ok");
      Envelope.Status s =
          switch (reply.charAt(0)) {
            case '2' -> Envelope.Status.DELIVERED;
            case '5' -> Envelope.Status.FAILED;
            default -> Envelope.Status.PENDING;
          };
      out.add(new RecipientResult(r, s, "mx." + domain, SmtpReply.parse(reply).orElseThrow()));
    }
    return out;
  }

  @Override
  public void close() {}
}
