package mxlab.web;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test against a fresh web listener in its own directory, closed after each test. A class that
 * needs another spec overrides {@link #fixture}; its own {@code @BeforeEach} runs after the
 * listener is up.
 */
public abstract class WebTest {
  @TempDir protected Path dir;
  protected WebFixture web;

  /** The lab under test: by default the minimal spec, plaintext logins refused. */
  protected WebFixture fixture(Path dir) throws IOException {
    return new WebFixture(dir, "");
  }

  @BeforeEach
  final void startWeb() throws IOException {
    web = fixture(dir);
  }

  @AfterEach
  final void stopWeb() {
    if (web != null) {
      web.close();
    }
  }
}
