package mxlab.server;

import java.nio.file.Path;
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
}
