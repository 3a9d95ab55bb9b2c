import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import mxlab.junit.MxlabExtension;

/**
 * Start time of an mxlab-junit lab: starts and stops a lab (one domain, two users, every service
 * a lab runs) N times in one JVM and prints the cold start, the median warm start and stop, and
 * the CPU time a warm start costs the whole JVM (steadier than wall time on a busy machine).
 * Run by bench/junit-start.sh.
 */
public class JunitStart {
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int warmup = Math.max(1, rounds / 3);
    double[] starts = new double[rounds];
    double[] stops = new double[rounds];
    double[] cpu = new double[rounds];
    OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double cold = -1;
    for (int i = -warmup; i < rounds; i++) {
      MxlabExtension lab =
          MxlabExtension.builder().domain("bann.com").user("test", "pw").user("sorin", "pw").build();
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      lab.start();
      long t1 = System.nanoTime();
      long c1 = os.getProcessCpuTime();
      lab.smtp(); // the lab answers: its ports are known
      long t2 = System.nanoTime();
      lab.close();
      long t3 = System.nanoTime();
      if (cold < 0) {
        cold = (t1 - t0) / 1e6;
      }
      if (i >= 0) {
        starts[i] = (t1 - t0) / 1e6;
        stops[i] = (t3 - t2) / 1e6;
        cpu[i] = (c1 - c0) / 1e6;
      }
    }
    System.out.printf(
        "lab start: cold %.1f ms, warm median %.1f ms (min %.1f, max %.1f) over %d rounds after %d"
            + " warm-up; stop median %.1f ms; CPU per warm start median %.1f ms%n",
        cold,
        median(starts),
        Arrays.stream(starts).min().orElse(0),
        Arrays.stream(starts).max().orElse(0),
        rounds,
        warmup,
        median(stops),
        median(cpu));
    Thread.sleep(2000); // pools wind down after close
    System.out.printf(
        "threads alive after %d labs: %d (%d of them lab threads)%n",
        rounds + warmup,
        Thread.activeCount(),
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getThreadGroup() != null && t.getThreadGroup().getName().startsWith("mxlab-lab-"))
            .count());
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
