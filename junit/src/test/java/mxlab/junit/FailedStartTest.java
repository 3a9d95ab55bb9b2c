package mxlab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab that cannot start leaves nothing behind. */
class FailedStartTest {
  @TempDir Path parent;

  @Test
  void aSpecMistakeDeletesTheLabDirectory() throws Exception {
    Path root = Files.createDirectory(parent.resolve("lab"));
    LabOrigin broken =
        LabOrigin.text("version: 1\ndomains:\n  - name: bann.com\n    hosts: { mail: nowhere }\n");
    assertThatThrownBy(() -> RunningLab.start(broken, root))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the lab's spec has mistakes");
    assertThat(root).doesNotExist();
  }

  @Test
  void aStoppedLabDeletesItsDirectory() throws Exception {
    Path root = Files.createDirectory(parent.resolve("lab"));
    RunningLab lab =
        RunningLab.start(LabOrigin.text(MxlabExtension.builder().domain("bann.com").yaml()), root);
    assertThat(root.resolve("data")).isDirectory();
    lab.close();
    assertThat(root).doesNotExist();
  }
}
