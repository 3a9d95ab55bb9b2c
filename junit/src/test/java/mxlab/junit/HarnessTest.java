package mxlab.junit;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension as JUnit runs it, through the JUnit Platform testkit: each nested class below is a
 * user's test class (Surefire skips nested classes; only these tests run them).
 */
class HarnessTest {
  /** JUnit's parallel execution on four threads, for classes and methods alike. */
  private static final String[] PARALLEL = {
    "junit.jupiter.execution.parallel.enabled", "true",
    "junit.jupiter.execution.parallel.mode.default", "concurrent",
    "junit.jupiter.execution.parallel.config.strategy", "fixed",
    "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"
  };

  private static EngineExecutionResults run(Class<?> testClass, String... config) {
    return run(List.of(testClass), config);
  }

  private static EngineExecutionResults run(List<Class<?>> testClasses, String... config) {
    EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter");
    testClasses.forEach(c -> kit.selectors(selectClass(c)));
    for (int i = 0; i + 1 < config.length; i += 2) {
      kit.configurationParameter(config[i], config[i + 1]);
    }
    return kit.execute();
  }

  /** The data directory of every lab the tests below used, as each test notes it. */
  static final Queue<Path> labDirs = new ConcurrentLinkedQueue<>();

  /**
   * Runs the classes and checks that all {@code tests} passed on {@code labs} labs, whose
   * directories are gone.
   */
  private static void assertLabs(
      int tests, int labs, List<Class<?>> testClasses, String... config) {
    labDirs.clear();
    EngineExecutionResults results = run(testClasses, config);
    assertThat(results.testEvents().failed().stream().map(e -> String.valueOf(failure(e))))
        .isEmpty();
    results.testEvents().assertStatistics(s -> s.started(tests).succeeded(tests));
    assertThat(Set.copyOf(labDirs)).hasSize(labs);
    assertThat(labDirs).noneMatch(Files::exists);
  }

  private static Throwable failure(Event e) {
    return e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  // ------------------------------------------------------------ a failed await

  static class FailedAwait {
    @RegisterExtension
    static MxlabExtension lab =
        MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    @Test
    void waitsForTwoWhenOneCame() throws Exception {
      SmtpClient.send(lab.smtp(), "alice@example.org", "test@bann.com", "the only one", "x\n");
      lab.mailbox("test@bann.com").awaitMessages(2, Duration.ofMillis(800));
    }
  }

  @Test
  void aFailedAwaitReportsWhatArrivedAndTheMaillog() {
    EngineExecutionResults results = run(FailedAwait.class);
    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    Throwable t = failure(results.testEvents().failed().list().get(0));
    assertThat(t)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 2 messages in test@bann.com within PT0.8S, but 1 arrived:")
        .hasMessageContaining("1. \"the only one\" from [alice@example.org] to [test@bann.com]")
        .hasMessageContaining("maillog of this lab (1 lines):")
        .hasMessageContaining("from=<alice@example.org> to=<test@bann.com>")
        .hasMessageContaining("decision=accepted");
  }

  // ------------------------------------------------------------ per method: fresh

  static class PerMethod {
    @RegisterExtension
    MxlabExtension lab = MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    void sendOneAndSeeOnlyIt(String subject) throws Exception {
      labDirs.add(lab.dataDir());
      assertThat(lab.mailbox("test@bann.com").messages()).isEmpty();
      SmtpClient.send(lab.smtp(), "alice@example.org", "test@bann.com", subject, "x\n");
      assertThat(lab.mailbox("test@bann.com").awaitMessages(1, ofSeconds(10)))
          .extracting(ReceivedMessage::subject)
          .containsExactly(subject);
      assertThat(lab.maillog().lines()).hasSize(1);
    }

    @Test
    void first() throws Exception {
      sendOneAndSeeOnlyIt("first");
    }

    @Test
    void second() throws Exception {
      sendOneAndSeeOnlyIt("second");
    }
  }

  @Test
  void anInstanceFieldGivesEveryTestAFreshLabAndCleansUp() {
    assertLabs(2, 2, List.of(PerMethod.class));
  }

  // ------------------------------------------------------------ per class: shared

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClass {
    @RegisterExtension
    static MxlabExtension lab =
        MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    @Test
    @Order(1)
    void sends() throws Exception {
      labDirs.add(lab.dataDir());
      SmtpClient.send(lab.smtp(), "alice@example.org", "test@bann.com", "one", "x\n");
      lab.mailbox("test@bann.com").awaitMessages(1, ofSeconds(10));
    }

    @Test
    @Order(2)
    void seesWhatTheFirstTestSent() {
      labDirs.add(lab.dataDir());
      assertThat(lab.mailbox("test@bann.com").messages()).hasSize(1);
    }
  }

  @Test
  void aStaticFieldSharesOneLabAcrossTheClass() {
    assertLabs(2, 1, List.of(PerClass.class));
  }

  /** One test instance for the class: its instance field is then one lab for the class too. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassInstance {
    @RegisterExtension
    MxlabExtension lab = MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    @Test
    void one() {
      labDirs.add(lab.dataDir());
    }

    @Test
    void two() {
      labDirs.add(lab.dataDir());
    }
  }

  @Test
  void anInstanceFieldOfAPerClassTestInstanceIsOneLabForTheClass() {
    assertLabs(2, 1, List.of(PerClassInstance.class));
  }

  static class Outer {
    @RegisterExtension
    static MxlabExtension lab =
        MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    @Test
    void outer() {
      labDirs.add(lab.dataDir());
    }

    @Nested
    class Inner {
      @Test
      void inner() {
        labDirs.add(lab.dataDir());
      }
    }
  }

  @Test
  void nestedClassesShareTheOuterStaticLab() {
    assertLabs(2, 1, List.of(Outer.class));
  }

  // ------------------------------------------------------------ parallel

  static final AtomicInteger running = new AtomicInteger();
  static final AtomicInteger mostAtOnce = new AtomicInteger();
  static final Queue<Integer> smtpPorts = new ConcurrentLinkedQueue<>();
  static CountDownLatch allStarted;

  static class Parallel {
    @RegisterExtension
    MxlabExtension lab = MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    /** Same domain, same user in four labs at once: each sees only its own mail and log. */
    void ownMailOnly(String who) throws Exception {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        smtpPorts.add(lab.smtp().port());
        labDirs.add(lab.dataDir());
        allStarted.countDown();
        assertThat(allStarted.await(20, TimeUnit.SECONDS)).as("four labs up at once").isTrue();
        SmtpClient.send(lab.smtp(), who + "@example.org", "test@bann.com", who, "x\n");
        assertThat(lab.mailbox("test@bann.com").awaitMessages(1, ofSeconds(10)))
            .extracting(ReceivedMessage::subject)
            .containsExactly(who);
        Thread.sleep(200); // let the other labs log theirs
        assertThat(lab.maillog().lines())
            .singleElement()
            .asString()
            .contains("from=<" + who + "@example.org>");
      } finally {
        running.decrementAndGet();
      }
    }

    @Test
    void one() throws Exception {
      ownMailOnly("one");
    }

    @Test
    void two() throws Exception {
      ownMailOnly("two");
    }

    @Test
    void three() throws Exception {
      ownMailOnly("three");
    }

    @Test
    void four() throws Exception {
      ownMailOnly("four");
    }
  }

  @Test
  void labsRunInParallelWithoutSharingAnything() {
    running.set(0);
    mostAtOnce.set(0);
    smtpPorts.clear();
    allStarted = new CountDownLatch(4);
    assertLabs(4, 4, List.of(Parallel.class), PARALLEL);
    assertThat(mostAtOnce.get()).isEqualTo(4);
    assertThat(Set.copyOf(smtpPorts)).hasSize(4);
  }

  // ------------------------------------------------------------ one lab, concurrent tests

  static CountDownLatch allInOneLab;

  /** Four tests at once on the class's lab: none of their ends stops it for the others. */
  static class ConcurrentMethods {
    @RegisterExtension
    static MxlabExtension lab =
        MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    void sendAfterAllStarted(String who) throws Exception {
      labDirs.add(lab.dataDir());
      allInOneLab.countDown();
      assertThat(allInOneLab.await(20, TimeUnit.SECONDS)).as("four tests at once").isTrue();
      SmtpClient.send(lab.smtp(), who + "@example.org", "test@bann.com", who, "x\n");
      assertThat(lab.mailbox("test@bann.com").awaitMessages(4, ofSeconds(10)))
          .extracting(ReceivedMessage::subject)
          .contains(who);
    }

    @Test
    void one() throws Exception {
      sendAfterAllStarted("one");
    }

    @Test
    void two() throws Exception {
      sendAfterAllStarted("two");
    }

    @Test
    void three() throws Exception {
      sendAfterAllStarted("three");
    }

    @Test
    void four() throws Exception {
      sendAfterAllStarted("four");
    }
  }

  @Test
  void concurrentTestsShareTheClassLabUntilTheLastEnds() {
    allInOneLab = new CountDownLatch(4);
    assertLabs(4, 1, List.of(ConcurrentMethods.class), PARALLEL);
  }

  // ------------------------------------------------------------ a base class's lab, in parallel

  static final Set<Class<?>> ended = ConcurrentHashMap.newKeySet();
  static CountDownLatch firstRunning;
  static CountDownLatch secondRunning;

  /**
   * Orders the two classes: the first starts the lab, the second joins it while the first runs; and
   * notes each class's end after the lab's own after-all callback (they run in reverse).
   */
  static final class Phases implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
      if (context.getRequiredTestClass() == SharedSecond.class) {
        assertThat(firstRunning.await(20, TimeUnit.SECONDS)).as("the first class runs").isTrue();
      }
    }

    @Override
    public void afterAll(ExtensionContext context) {
      ended.add(context.getRequiredTestClass());
    }
  }

  /** Both subclasses share its static lab; they run at the same time. */
  abstract static class SharedBase {
    @RegisterExtension
    @Order(1)
    static Phases phases = new Phases();

    @RegisterExtension
    @Order(2)
    static MxlabExtension lab =
        MxlabExtension.builder().domain("bann.com").user("test", "pw").build();
  }

  static class SharedFirst extends SharedBase {
    @Test
    void endsWhileTheSecondRuns() throws Exception {
      labDirs.add(lab.dataDir());
      firstRunning.countDown();
      assertThat(secondRunning.await(20, TimeUnit.SECONDS)).as("the second class started").isTrue();
    }
  }

  static class SharedSecond extends SharedBase {
    @Test
    void stillHasTheLabAfterTheFirstEnded() throws Exception {
      labDirs.add(lab.dataDir());
      secondRunning.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!ended.contains(SharedFirst.class) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(ended).as("the first class ended").contains(SharedFirst.class);
      SmtpClient.send(lab.smtp(), "alice@example.org", "test@bann.com", "still here", "x\n");
      assertThat(lab.mailbox("test@bann.com").awaitMessage(ofSeconds(10)).subject())
          .isEqualTo("still here");
    }
  }

  @Test
  void aBaseClassLabLastsUntilItsLastSubclassEndsInParallel() {
    ended.clear();
    firstRunning = new CountDownLatch(1);
    secondRunning = new CountDownLatch(1);
    assertLabs(2, 1, List.of(SharedFirst.class, SharedSecond.class), PARALLEL);
  }

  // ------------------------------------------------------------ a spec mistake

  static class SpecMistake {
    @RegisterExtension
    static MxlabExtension lab =
        MxlabExtension.builder()
            .domain("bann.com")
            .user("test", "pw")
            .alias("admin", "tset")
            .build();

    @Test
    void neverRuns() {}
  }

  @Test
  void aSpecMistakeFailsTheClassWithFileLineAndHint() {
    EngineExecutionResults results = run(SpecMistake.class);
    results.testEvents().assertStatistics(s -> s.started(0));
    Throwable t = failure(results.containerEvents().failed().list().get(0));
    assertThat(t)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the lab's spec has mistakes")
        .hasMessageContaining("lab.yaml:")
        .hasMessageContaining("tset")
        .hasMessageContaining("did you mean test@bann.com?");
  }
}
