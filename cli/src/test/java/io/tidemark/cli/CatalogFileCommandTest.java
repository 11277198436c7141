package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.cli.reliability.TidemarkProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command with {@code --catalog}: bad catalog files and missing servers fail before Spark starts. */
class CatalogFileCommandTest {
  private static final String SECRET = "do-not-print-this-0123456789";

  @TempDir
  Path folder;

  @Test
  void anUnreachableNessieIsReportedWithTheFixAndWithoutTheSecret() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Files.writeString(folder.resolve("secret"), SECRET);
    Path catalog = Files.writeString(folder.resolve("nessie.properties"), "type=nessie\nuri=http://127.0.0.1:"
        + closedPort + "\ns3.access-key-id=tidemark\ns3.secret-access-key.file=secret\n");

    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), "--catalog", catalog.toString(), "--verbose", "sql",
        "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output()).contains("Cannot reach the Nessie server at http://127.0.0.1:" + closedPort
        + "/api/v2/trees/main").contains("Fix: start the server (deploy/local/start --nessie starts one on this "
        + "machine) or correct uri in the catalog file").doesNotContain(SECRET);
  }

  @Test
  void aCatalogFileAndAWarehouseTogetherAreRefused() throws IOException {
    Path catalog = Files.writeString(folder.resolve("embedded.properties"), "type=embedded\nwarehouse=wh\n");

    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), "--catalog", catalog.toString(), "--warehouse",
        folder.resolve("other").toString(), "sql", "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("Both --catalog and --warehouse were given. Fix: pass one; a catalog file of "
        + "type embedded names its own warehouse");
  }
}
