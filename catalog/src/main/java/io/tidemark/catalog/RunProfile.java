package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/**
 * Where a run's time goes: wall-clock time per named stage of the driver's work (planning, each check, each step's
 * computation and write, each commit), and for each stage the Spark stages its jobs ran, so that the bookkeeping
 * around a computation can be told from the computation. Code marks its stages with {@link #stage} whether or not a
 * profile is being recorded; marking costs nothing while none is.
 *
 * <p>Stages nest: a stage started inside another is recorded under the outer one's name ({@code step 1 / write}).
 * Spark stages are attributed through a local property of the Spark context that every job started inside a stage
 * carries.
 */
public final class RunProfile {
  private static final String STAGE_PROPERTY = "tidemark.profile.stage";
  private static final InheritableThreadLocal<RunProfile> ACTIVE = new InheritableThreadLocal<>();
  private static final Stage NOT_RECORDED = () -> {};

  private final SparkContext spark;
  private final Map<String, long[]> driverStages = new LinkedHashMap<>();
  private final Map<String, List<SparkStage>> sparkStages = new ConcurrentHashMap<>();
  private final Map<Integer, String> stageOfSparkStage = new ConcurrentHashMap<>();
  private final Listener listener = new Listener();
  private final List<String> open = new ArrayList<>();
  private int jobsStarted;
  private int jobsEnded;

  /** One stage of the driver's work; closing it records its time. */
  @FunctionalInterface
  public interface Stage extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * A Spark stage run for a profiled stage.
   *
   * @param name Spark's name for it, e.g. {@code save at StepWriter.java:120}
   * @param millis from submission to completion
   * @param taskMillis the executor run time of its tasks, summed
   */
  public record SparkStage(String name, int tasks, long millis, long taskMillis) {
    public SparkStage {
      requireNonNull(name, "name is null");
    }
  }

  /**
   * A profiled stage: its wall-clock time summed over every time it ran, how often it ran, and its Spark stages.
   */
  public record Entry(String name, long millis, int count, List<SparkStage> sparkStages) {
    public Entry {
      requireNonNull(name, "name is null");
      sparkStages = List.copyOf(sparkStages);
    }
  }

  private RunProfile(SparkContext spark) {
    this.spark = requireNonNull(spark, "spark is null");
  }

  /**
   * Starts recording the stages run on this thread (and threads it starts) until {@link #stop}.
   *
   * @throws IllegalStateException when this thread records a profile already
   */
  public static RunProfile start(SparkContext spark) {
    if (ACTIVE.get() != null) {
      throw new IllegalStateException("Cannot start a profile: this thread records one already");
    }
    RunProfile profile = new RunProfile(spark);
    spark.addSparkListener(profile.listener);
    ACTIVE.set(profile);
    return profile;
  }

  /** Marks the start of a stage of the current run; close the result when the stage ends. */
  public static Stage stage(String name) {
    RunProfile profile = ACTIVE.get();
    return profile == null ? NOT_RECORDED : profile.open(name);
  }

  /** Stops recording; the entries stay readable. */
  public void stop() {
    ACTIVE.remove();
    awaitJobEvents();
    spark.removeSparkListener(listener);
  }

  /** The stages in the order they first started. */
  public synchronized List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    driverStages.forEach((name, time) -> entries.add(
        new Entry(name, time[0], (int) time[1], sparkStages.getOrDefault(name, List.of()))));
    return entries;
  }

  /** A table for people: each stage's seconds and runs, and under it its Spark stages. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "  %-58s %8s %5s%n", "stage", "seconds", "runs"));
    for (Entry entry : entries()) {
      text.append(String.format(Locale.ROOT, "  %-58s %8.2f %5d%n", entry.name(), entry.millis() / 1000.0,
          entry.count()));
      for (SparkStage stage : entry.sparkStages()) {
        text.append(String.format(Locale.ROOT, "      spark: %-48s %8.2f %5d tasks, %.2f s of task time%n",
            shorten(stage.name(), 48), stage.millis() / 1000.0, stage.tasks(), stage.taskMillis() / 1000.0));
      }
    }
    return text.toString();
  }

  private synchronized Stage open(String name) {
    String full = open.isEmpty() ? name : open.get(open.size() - 1) + " / " + name;
    open.add(full);
    String previous = spark.getLocalProperty(STAGE_PROPERTY);
    spark.setLocalProperty(STAGE_PROPERTY, full);
    long started = System.nanoTime();
    return () -> close(full, previous, started);
  }

  private synchronized void close(String full, String previous, long started) {
    long[] time = driverStages.computeIfAbsent(full, key -> new long[2]);
    time[0] += (System.nanoTime() - started) / 1_000_000;
    time[1]++;
    open.remove(full);
    spark.setLocalProperty(STAGE_PROPERTY, previous);
  }

  /** Spark reports jobs on its listener bus, after they end; wait a little for the last ones. */
  private void awaitJobEvents() {
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      synchronized (this) {
        if (jobsEnded >= jobsStarted) {
          return;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String shorten(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 3) + "...";
  }

  private final class Listener extends SparkListener {
    @Override
    public void onJobStart(SparkListenerJobStart job) {
      String stage = job.properties() == null ? null : job.properties().getProperty(STAGE_PROPERTY);
      synchronized (RunProfile.this) {
        jobsStarted++;
      }
      if (stage != null) {
        scala.collection.Iterator<Object> ids = job.stageIds().iterator();
        while (ids.hasNext()) {
          stageOfSparkStage.put((Integer) ids.next(), stage);
        }
      }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd job) {
      synchronized (RunProfile.this) {
        jobsEnded++;
      }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
      StageInfo info = completed.stageInfo();
      String stage = stageOfSparkStage.get(info.stageId());
      if (stage == null || info.submissionTime().isEmpty() || info.completionTime().isEmpty()) {
        return;
      }
      long millis = (Long) info.completionTime().get() - (Long) info.submissionTime().get();
      long taskMillis = info.taskMetrics() == null ? 0 : info.taskMetrics().executorRunTime();
      sparkStages.computeIfAbsent(stage, key -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(new SparkStage(info.name(), info.numTasks(), millis, taskMillis));
    }
  }
}
