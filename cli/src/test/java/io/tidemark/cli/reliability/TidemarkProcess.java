package io.tidemark.cli.reliability;

import io.tidemark.catalog.EmbeddedCatalogConfig;
import io.tidemark.catalog.SharedSpark;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The real {@code tidemark} command in a process of its own (this JVM's classpath, the JVM flags Spark needs), so
 * that a test can kill it with SIGKILL or run two at once. Standard output and error are read as one stream of lines.
 */
public final class TidemarkProcess implements AutoCloseable {
  /**
   * How long a process may take to print an awaited line or to end: long, since a process starts Spark of its own, and
   * on a shared two-core machine that alone has taken minutes; a process that hangs is still caught.
   */
  private static final Duration RUN_LIMIT = Duration.ofMinutes(10);
  /**
   * JVM flags for short-lived test processes, which spend most of their time starting and warming up: the client
   * compiler only (the optimizing one costs more CPU than a process of half a minute earns back) and the serial
   * collector (no collector threads competing with Spark's on a small machine). They change how fast the command
   * runs, not what it does.
   */
  private static final List<String> START_UP_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** What every process started here is launched with; made by the first start of this JVM. */
  private static Launch launch;

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private TidemarkProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readLines, "tidemark-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code tidemark args}, with {@code systemProperties} set in the new JVM. */
  public static TidemarkProcess start(Map<String, String> systemProperties, String... args) {
    Launch launch = launch();
    List<String> command = new ArrayList<>(javaCommand(launch.classPath()));
    command.addAll(launch.flags());
    systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("io.tidemark.cli.TidemarkCommand");
    command.addAll(Arrays.asList(args));
    try {
      return new TidemarkProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code java}, the heap, start-up and Spark flags, and {@code classPath}: how every process here starts. */
  private static List<String> javaCommand(String classPath) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(START_UP_FLAGS);
    command.addAll(jvmFlags());
    command.add("-cp");
    command.add(classPath);
    return command;
  }

  private static synchronized Launch launch() {
    if (launch == null) {
      launch = Launch.withSharedClasses();
    }
    return launch;
  }

  /**
   * The class path and extra JVM flags of the processes started here. Loading Spark's, Iceberg's and Tidemark's
   * classes is about half of what a process spends before its first step (about 14 seconds to 6 for a process that
   * starts Spark and runs one query on a busy two-core machine), and every process loads the same ones; so the first
   * start of a test JVM runs such a process once with {@code -XX:ArchiveClassesAtExit}, and every process after it maps
   * that archive ({@code -XX:SharedArchiveFile}) instead of loading and verifying the classes again. The archive changes
   * how fast a process starts, not what it runs. The JVM archives classes from jar files only, so this JVM's class path
   * folders (this module's classes) are packed into jars, which the processes then run from. Should the archive not be
   * made, the processes run as before, from this JVM's class path.
   */
  private record Launch(String classPath, List<String> flags) {
    Launch {
      Objects.requireNonNull(classPath);
      flags = List.copyOf(flags);
    }

    static Launch withSharedClasses() {
      Launch plain = new Launch(System.getProperty("java.class.path"), List.of());
      try {
        Path folder = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tidemark-process-classes-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder)));
        List<String> entries = new ArrayList<>();
        for (String entry : plain.classPath().split(File.pathSeparator)) {
          Path path = Path.of(entry);
          entries.add(Files.isDirectory(path) ? packed(path, folder.resolve(entries.size() + ".jar")).toString()
              : entry);
        }
        String classPath = String.join(File.pathSeparator, entries);
        Path archive = folder.resolve("classes.jsa");
        List<String> command = new ArrayList<>(javaCommand(classPath));
        command.add(1, "-XX:ArchiveClassesAtExit=" + archive);
        command.addAll(List.of("io.tidemark.cli.TidemarkCommand", "--warehouse", folder.resolve("warehouse").toString(),
            "sql", "SELECT 1"));
        Path log = folder.resolve("archive.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
        if (process.isAlive() || process.exitValue() != 0 || !Files.isRegularFile(archive)) {
          System.err.println("No class archive for tidemark processes; they load their classes themselves. See " + log);
          return plain;
        }
        return new Launch(classPath, List.of("-XX:SharedArchiveFile=" + archive));
      } catch (IOException e) {
        System.err.println("No class archive for tidemark processes; they load their classes themselves: " + e);
        return plain;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return plain;
      }
    }

    /** {@code folder}'s files in the jar {@code jar}. */
    private static Path packed(Path folder, Path jar) throws IOException {
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
          Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          out.putNextEntry(new JarEntry(folder.relativize(file).toString().replace(File.separatorChar, '/')));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
      return jar;
    }

    private static void deleteQuietly(Path folder) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        // Left for mvn clean.
      }
    }
  }

  /** The warehouse of this JVM's shared test catalog, which processes are pointed at to work on the same tables. */
  static Path sharedWarehouse() {
    return ((EmbeddedCatalogConfig) SharedSpark.catalog().config()).warehouse();
  }

  /** Runs {@code tidemark args} to its end. */
  public static Finished run(Map<String, String> systemProperties, String... args) {
    try (TidemarkProcess process = start(systemProperties, args)) {
      return process.awaitExit();
    }
  }

  /** Waits until the process prints a line that {@code wanted} accepts, and returns it. */
  public String awaitLine(Predicate<String> wanted) {
    long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
    int seen = 0;
    synchronized (lines) {
      while (System.nanoTime() < deadline) {
        for (; seen < lines.size(); seen++) {
          if (wanted.test(lines.get(seen))) {
            return lines.get(seen);
          }
        }
        if (!process.isAlive() && !reader.isAlive()) {
          throw new AssertionError("The process ended (exit code " + process.exitValue() + ") before printing the "
              + "awaited line. It printed:\n" + output());
        }
        try {
          lines.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("Interrupted while waiting for the process", e);
        }
      }
    }
    throw new AssertionError("The awaited line did not come within " + RUN_LIMIT + ". The process printed:\n" + output());
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the process the way a crash or an operator's {@code kill -9} would: no shutdown hooks, no cleanup. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Asks the process to stop, as an operator's {@code kill} (SIGTERM) would: shutdown hooks run. */
  public void terminate() {
    // Process.destroy() would also close this side of the output pipe, losing what the shutdown hooks print.
    process.toHandle().destroy();
  }

  public Finished awaitExit() {
    try {
      if (!process.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw new AssertionError("The process did not end within " + RUN_LIMIT + ". It printed:\n" + output());
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for the process", e);
    }
    return new Finished(process.exitValue(), output());
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private void readLines() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // The stream closes when the process is killed.
    } finally {
      synchronized (lines) {
        lines.notifyAll();
      }
    }
  }

  /** The flags the launcher gives the JVM (Spark's --add-opens set), written by the build to target/. */
  private static List<String> jvmFlags() {
    try {
      return List.of(Files.readString(Path.of("target", "jvm-flags.txt")).trim().split("\\s+"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read target/jvm-flags.txt; build the cli module with Maven first", e);
    }
  }

  /** How a process ended: its exit code and everything it printed. */
  public record Finished(int exitCode, String output) {}
}
