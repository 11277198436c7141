package io.tidemark.cli.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Servers started for a test class by {@code deploy/local/start} (the script users run), on free loopback ports and a
 * run folder of their own, and stopped by {@code deploy/local/stop}.
 *
 * <p>Trino needs a JDK 25 or newer (the root pom's {@code trino.java.version}). Where the script finds none, it says so
 * ("needs a JDK 25 or newer") and the tests are skipped, unless the environment variable
 * {@code TIDEMARK_REQUIRE_SERVERS} is {@code true} (CI sets it): then they fail.
 */
final class LocalServers implements AutoCloseable {
  static final String REQUIRE_VARIABLE = "TIDEMARK_REQUIRE_SERVERS";
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  /** How deploy/local/start says that no JDK is new enough for Trino, with the version it needs. */
  private static final Pattern NO_JDK = Pattern.compile("needs a JDK (\\d+) or newer, and none was found");

  /** Which servers the script starts. */
  enum Mode {
    /** Trino on the embedded catalog of a warehouse folder. */
    EMBEDDED,
    /** Nessie, S3Proxy, and Trino on Nessie. */
    NESSIE,
    /** As {@link #NESSIE}, plus a Spark standalone master and two workers. */
    CLUSTER
  }

  private final Path runDir;
  private final int trinoPort;
  private final int nessiePort;

  private LocalServers(Path runDir, int trinoPort, int nessiePort) {
    this.runDir = runDir;
    this.trinoPort = trinoPort;
    this.nessiePort = nessiePort;
  }

  static LocalServers start(Mode mode, Path runDir, Path warehouse) {
    int trinoPort = freePort();
    int nessiePort = freePortPair();
    List<String> command = new ArrayList<>(List.of("bash", REPOSITORY.resolve("deploy/local/start").toString(),
        "--run-dir", runDir.toString(), "--trino-port", Integer.toString(trinoPort)));
    if (mode == Mode.NESSIE || mode == Mode.CLUSTER) {
      command.addAll(List.of(mode == Mode.CLUSTER ? "--cluster" : "--nessie", "--nessie-port",
          Integer.toString(nessiePort), "--s3-port", Integer.toString(freePort())));
      if (mode == Mode.CLUSTER) {
        command.addAll(List.of("--spark-port", Integer.toString(freePortPair())));
      }
    } else {
      command.addAll(List.of("--warehouse", warehouse.toString()));
    }
    Script started = Script.run(command);
    if (started.exitCode() != 0) {
      // The servers that did start before the failure would outlive the test.
      stop(runDir);
      Matcher noJdk = NO_JDK.matcher(started.output());
      Assumptions.assumeFalse(noJdk.find() && !"true".equals(System.getenv(REQUIRE_VARIABLE)),
          () -> "No JDK " + noJdk.group(1) + "+ for Trino on this machine; the server tests run where one is (CI "
              + "requires it)");
      throw new AssertionError("deploy/local/start failed (exit " + started.exitCode() + "):\n" + started.output());
    }
    return new LocalServers(runDir, trinoPort, nessiePort);
  }

  private Connection trino() throws SQLException {
    return DriverManager.getConnection("jdbc:trino://127.0.0.1:" + trinoPort + "/lake?user=tidemark");
  }

  /** The rows of a Trino query, in {@link EngineRows}' form. */
  List<String> rows(String sql) throws SQLException {
    try (Connection connection = trino(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return EngineRows.fromTrino(rows);
    }
  }

  /** The first column of a Trino query's rows, as longs. */
  List<Long> longs(String sql) throws SQLException {
    try (Connection connection = trino(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<Long> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getLong(1));
      }
      return values;
    }
  }

  /** The one value of a Trino query that returns one row with one floating-point column. */
  double doubleValue(String sql) throws SQLException {
    try (Connection connection = trino(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      if (!rows.next()) {
        throw new AssertionError("No row from " + sql);
      }
      return rows.getDouble(1);
    }
  }

  /** Runs a Trino statement that returns no rows (CREATE CATALOG, for one). */
  void execute(String sql) throws SQLException {
    try (Connection connection = trino(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The catalog file the script wrote for Tidemark (Nessie mode). */
  Path catalogFile() {
    return runDir.resolve("catalog.properties");
  }

  int nessiePort() {
    return nessiePort;
  }

  Path runDir() {
    return runDir;
  }

  @Override
  public void close() {
    stop(runDir);
  }

  private static void stop(Path runDir) {
    Script stopped = Script.run(List.of("bash", REPOSITORY.resolve("deploy/local/stop").toString(), "--run-dir",
        runDir.toString()));
    if (stopped.exitCode() != 0) {
      throw new AssertionError("deploy/local/stop failed:\n" + stopped.output());
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free port whose next port is free too (Nessie's management port). */
  private static int freePortPair() {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = freePort();
      try (ServerSocket next = new ServerSocket(port + 1)) {
        return port;
      } catch (IOException e) {
        // Taken: try another.
      }
    }
    throw new AssertionError("Found no two free consecutive ports");
  }

  /** A script run to its end, with everything it printed. */
  record Script(int exitCode, String output) {
    static Script run(List<String> command) {
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new AssertionError(command + " did not end within 10 minutes");
        }
        return new Script(process.exitValue(), new String(output, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while running " + command, e);
      }
    }
  }
}
