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
import java.util.stream.Collectors;
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
  private static EngineExecutionResults run(Class<?> testClass, String... config) {
    EngineTestKit.Builder kit =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass));
    for (int i = 0; i + 1 < config.length; i += 2) {
      kit.configurationParameter(config[i], config[i + 1]);
    }
    return kit.execute();
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

  static final Queue<Path> perMethodDirs = new ConcurrentLinkedQueue<>();

  static class PerMethod {
    @RegisterExtension
    MxlabExtension lab = MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    void sendOneAndSeeOnlyIt(String subject) throws Exception {
      perMethodDirs.add(lab.dataDir());
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
    perMethodDirs.clear();
    run(PerMethod.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    assertThat(Set.copyOf(perMethodDirs)).hasSize(2);
    assertThat(perMethodDirs).noneMatch(Files::exists);
  }

  // ------------------------------------------------------------ per class: shared

  static final Queue<Path> perClassDirs = new ConcurrentLinkedQueue<>();

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClass {
    @RegisterExtension
    static MxlabExtension lab =
        MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    @Test
    @Order(1)
    void sends() throws Exception {
      perClassDirs.add(lab.dataDir());
      SmtpClient.send(lab.smtp(), "alice@example.org", "test@bann.com", "one", "x\n");
      lab.mailbox("test@bann.com").awaitMessages(1, ofSeconds(10));
    }

    @Test
    @Order(2)
    void seesWhatTheFirstTestSent() {
      perClassDirs.add(lab.dataDir());
      assertThat(lab.mailbox("test@bann.com").messages()).hasSize(1);
    }
  }

  @Test
  void aStaticFieldSharesOneLabAcrossTheClass() {
    perClassDirs.clear();
    run(PerClass.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    assertThat(Set.copyOf(perClassDirs)).hasSize(1);
    assertThat(perClassDirs).noneMatch(Files::exists);
  }

  static final Queue<Path> perClassInstanceDirs = new ConcurrentLinkedQueue<>();

  /** One test instance for the class: its instance field is then one lab for the class too. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassInstance {
    @RegisterExtension
    MxlabExtension lab = MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    @Test
    void one() {
      perClassInstanceDirs.add(lab.dataDir());
    }

    @Test
    void two() {
      perClassInstanceDirs.add(lab.dataDir());
    }
  }

  @Test
  void anInstanceFieldOfAPerClassTestInstanceIsOneLabForTheClass() {
    perClassInstanceDirs.clear();
    run(PerClassInstance.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    assertThat(Set.copyOf(perClassInstanceDirs)).hasSize(1);
    assertThat(perClassInstanceDirs).noneMatch(Files::exists);
  }

  static final Queue<Path> nestedDirs = new ConcurrentLinkedQueue<>();

  static class Outer {
    @RegisterExtension
    static MxlabExtension lab =
        MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

    @Test
    void outer() {
      nestedDirs.add(lab.dataDir());
    }

    @Nested
    class Inner {
      @Test
      void inner() {
        nestedDirs.add(lab.dataDir());
      }
    }
  }

  @Test
  void nestedClassesShareTheOuterStaticLab() {
    nestedDirs.clear();
    run(Outer.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    assertThat(Set.copyOf(nestedDirs)).hasSize(1);
    assertThat(nestedDirs).noneMatch(Files::exists);
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
    EngineExecutionResults results =
        run(
            Parallel.class,
            "junit.jupiter.execution.parallel.enabled",
            "true",
            "junit.jupiter.execution.parallel.mode.default",
            "concurrent",
            "junit.jupiter.execution.parallel.config.strategy",
            "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism",
            "4");
    List<String> failures =
        results.testEvents().failed().stream()
            .map(e -> String.valueOf(failure(e)))
            .collect(Collectors.toList());
    assertThat(failures).isEmpty();
    results.testEvents().assertStatistics(s -> s.started(4).succeeded(4));
    assertThat(mostAtOnce.get()).isEqualTo(4);
    assertThat(Set.copyOf(smtpPorts)).hasSize(4);
  }

  // ------------------------------------------------------------ a base class's lab, in parallel

  static final Set<Class<?>> ended = ConcurrentHashMap.newKeySet();
  static final Queue<Path> sharedDirs = new ConcurrentLinkedQueue<>();
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
      sharedDirs.add(lab.dataDir());
      firstRunning.countDown();
      assertThat(secondRunning.await(20, TimeUnit.SECONDS)).as("the second class started").isTrue();
    }
  }

  static class SharedSecond extends SharedBase {
    @Test
    void stillHasTheLabAfterTheFirstEnded() throws Exception {
      sharedDirs.add(lab.dataDir());
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
    sharedDirs.clear();
    firstRunning = new CountDownLatch(1);
    secondRunning = new CountDownLatch(1);
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(SharedFirst.class), selectClass(SharedSecond.class))
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .configurationParameter(
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
            .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
            .configurationParameter(
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
            .execute();
    assertThat(results.testEvents().failed().stream().map(e -> String.valueOf(failure(e))))
        .isEmpty();
    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    assertThat(Set.copyOf(sharedDirs)).hasSize(1);
    assertThat(sharedDirs).noneMatch(Files::exists);
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
