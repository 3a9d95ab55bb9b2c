package mxlab.server;

import java.io.IOException;
import java.nio.file.Path;
import mxlab.core.spec.Spec;
import mxlab.dns.zone.ZoneAdditions;
import mxlab.mailauth.dkim.DkimKeyStore;

/** The zones' DKIM key records ({@code SELECTOR._domainkey}), from the keys in the data dir. */
public final class DkimRecords {
  private DkimRecords() {}

  /**
   * @param make make missing keys (starting up); without, publish only the keys there are
   */
  public static ZoneAdditions of(Path dataDir, boolean make) {
    DkimKeyStore keys = DkimKeyStore.at(dataDir);
    return domain ->
        keys.published(domain, make).stream()
            .map(p -> new ZoneAdditions.Txt(p.owner(), p.text()))
            .toList();
  }

  /**
   * The records of {@code spec}'s keys, the missing signing keys made first as {@code mxlab up}
   * makes them (on several cores), but before returning: for exports that must match what up
   * serves.
   */
  public static ZoneAdditions made(Spec spec) throws IOException {
    Path dataDir = spec.server().dataDir();
    DkimKeyStore.at(dataDir).prepare(spec.domains());
    return of(dataDir, false);
  }
}
