package mxlab.dns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serials file after crashes and full disks: never a reason not to start. */
class SerialStoreTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

  @TempDir Path dir;

  @Test
  void anEmptyTruncatedOrDamagedFileIsRecomputedNotFatal() throws Exception {
    Path file = dir.resolve("serials.properties");
    String[] damaged = {
      "", "bann.com=", "bann.com=20261128", "bann.com=\\uZZZZ broken escape", "\u0000\u0001\u00ff"
    };
    for (String content : damaged) {
      Files.writeString(file, content);
      SerialStore store = SerialStore.open(file, DAY);
      assertThat(store.serial("bann.com.", "d1")).as(content).isEqualTo(2026112800L);
      store.save();
      assertThat(SerialStore.open(file, DAY).serial("bann.com.", "d1")).isEqualTo(2026112800L);
    }
  }

  @Test
  void whatCanBeReadOfADamagedFileIsKept() throws Exception {
    Path file = dir.resolve("serials.properties");
    Files.writeString(file, "bann.com.=2026112705 d1\nother.org.=garbage\n");
    SerialStore store = SerialStore.open(file, DAY);
    assertThat(store.serial("bann.com.", "d1")).isEqualTo(2026112705L);
    assertThat(store.serial("other.org.", "d2")).isEqualTo(2026112800L);
  }

  @Test
  void unchangedZonesWriteNothingAndAFailedWriteKeepsTheOldFile() throws Exception {
    Path file = dir.resolve("dns/serials.properties");
    SerialStore first = SerialStore.open(file, DAY);
    first.serial("bann.com.", "d1");
    first.save();
    String saved = Files.readString(file);

    // a full disk: nothing can be written beside the file any more
    Path blocked = Files.createDirectory(dir.resolve("dns/serials.properties.tmp"));
    SerialStore unchanged = SerialStore.open(file, DAY.plusDays(1));
    assertThat(unchanged.serial("bann.com.", "d1")).isEqualTo(2026112800L);
    unchanged.save(); // a restart with the same zones needs no disk space

    SerialStore changed = SerialStore.open(file, DAY.plusDays(1));
    assertThat(changed.serial("bann.com.", "d2")).isEqualTo(2026112900L);
    assertThatThrownBy(changed::save).isInstanceOf(java.io.IOException.class);
    assertThat(Files.readString(file)).isEqualTo(saved);
    assertThat(blocked).doesNotExist(); // no half-written temporary file is left either
    changed.save(); // space is back
    assertThat(SerialStore.open(file, DAY).serial("bann.com.", "d2")).isEqualTo(2026112900L);
  }
}
