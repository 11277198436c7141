package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.TidemarkException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogConfigFileTest {
  private static final String SECRET = "s3-secret-value-1234";

  @TempDir
  Path folder;

  @Test
  void anEmbeddedCatalogFindsItsWarehouseBesideTheFile() throws IOException {
    CatalogConfig config = read("type=embedded\nwarehouse=data/wh\nlock-timeout-seconds=7\n", Map.of());

    assertThat(config).isEqualTo(new EmbeddedCatalogConfig("lake", folder.resolve("data/wh"), Duration.ofSeconds(7)));
  }

  @Test
  void nessieIsOpenedThroughItsIcebergRestEndpointAtTheRef() throws IOException {
    CatalogConfig config = read("""
        type=nessie
        name=lake
        uri=http://127.0.0.1:19120/
        ref=dev
        s3.access-key-id=tidemark
        s3.secret-access-key.env=S3_SECRET
        s3.region=us-east-1
        s3.path-style-access=true
        """, Map.of("S3_SECRET", SECRET));

    assertThat(config.sparkProperties())
        .containsEntry("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
        .containsEntry("spark.sql.catalog.lake.type", "rest")
        .containsEntry("spark.sql.catalog.lake.uri", "http://127.0.0.1:19120/iceberg/dev")
        .containsEntry("spark.sql.catalog.lake.view-endpoints-supported", "true")
        .containsEntry("spark.sql.catalog.lake.cache-enabled", "false")
        .containsEntry("spark.sql.catalog.lake.s3.access-key-id", "tidemark")
        .containsEntry("spark.sql.catalog.lake.s3.secret-access-key", SECRET)
        .containsEntry("spark.sql.catalog.lake.s3.path-style-access", "true")
        .containsEntry("spark.sql.catalog.lake.client.region", "us-east-1")
        .doesNotContainKey("spark.sql.catalog.lake.warehouse");
    assertThat(((NessieCatalogConfig) config).apiUri()).hasToString("http://127.0.0.1:19120/api/v2");
    assertThat(config.describe()).isEqualTo("Nessie catalog 'lake' at http://127.0.0.1:19120 (ref dev)");
  }

  @Test
  void secretsComeFromFilesAndNeverShowInDescriptions() throws IOException {
    Files.writeString(folder.resolve("token"), SECRET + "\n");
    CatalogConfig config = read("type=rest\nuri=https://catalog.example.com/api/catalog\nwarehouse=prod\n"
        + "token.file=token\n", Map.of());

    assertThat(config.sparkProperties()).containsEntry("spark.sql.catalog.lake.token", SECRET)
        .containsEntry("spark.sql.catalog.lake.warehouse", "prod");
    assertThat(config.toString()).doesNotContain(SECRET).contains("<secret from file " + folder.resolve("token") + ">");
    assertThat(config.describe()).doesNotContain(SECRET);
  }

  @Test
  void aSecretWrittenInTheFileIsRefusedWithoutEchoingIt() throws IOException {
    assertThatThrownBy(() -> read("type=nessie\nuri=http://127.0.0.1:19120\ns3.secret-access-key=" + SECRET + "\n",
        Map.of()))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-205 Invalid catalog file " + file()
        + ": s3.secret-access-key holds a secret in the file. Fix: remove "
            + "it and set s3.secret-access-key.env=VARIABLE (an environment variable that holds it) or "
            + "s3.secret-access-key.file=PATH (a file that holds it)")
        .message().doesNotContain(SECRET);
  }

  @Test
  void wrongSettingsNameTheFieldAndTheFix() {
    assertThatThrownBy(() -> read("uri=http://x\n", Map.of()))
        .hasMessage("TM-205 Invalid catalog file " + file()
        + ": type is missing. Fix: set type=embedded, type=nessie or "
            + "type=rest");
    assertThatThrownBy(() -> read("type=hive\n", Map.of()))
        .hasMessage("TM-205 Invalid catalog file " + file()
        + ": type 'hive' is not a kind of catalog. Fix: use embedded, "
            + "nessie or rest");
    assertThatThrownBy(() -> read("type=nessie\nuri=127.0.0.1:19120\n", Map.of()))
        .hasMessage("TM-205 Invalid catalog file " + file()
        + ": uri '127.0.0.1:19120' is not an http or https address. Fix: "
            + "give one such as http://127.0.0.1:19120");
    assertThatThrownBy(() -> read("type=nessie\nuri=http://h:1\nwarehouse.env=W\n", Map.of()))
        .hasMessageContaining(": warehouse.env is not a setting of a nessie catalog. Fix: remove it; the settings are "
            + "default-namespace, name, ref, s3.access-key-id, s3.endpoint, s3.path-style-access, s3.region, s3.secret-access-key, token, "
            + "type, uri, warehouse");
    assertThatThrownBy(() -> read("type=nessie\nuri=http://h:1\ntoken.env=NESSIE_TOKEN\n", Map.of()))
        .hasMessage("TM-205 Invalid catalog file " + file()
        + ": token.env names the environment variable NESSIE_TOKEN, which "
            + "is not set. Fix: export NESSIE_TOKEN before running tidemark");
    assertThatThrownBy(() -> read("type=embedded\n", Map.of()))
        .hasMessage("TM-205 Invalid catalog file " + file() + ": warehouse is missing. Fix: name the warehouse folder "
            + "(relative paths start at the catalog file's folder)");
  }

  @Test
  void anUnreachableNessieServerIsNamedBeforeSparkStarts() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CatalogConfig config = read("type=nessie\nuri=http://127.0.0.1:" + closedPort + "\n", Map.of());

    assertThatThrownBy(config::prepare)
        .isInstanceOf(TidemarkException.class)
        .hasMessageStartingWith("TM-701 Cannot reach the Nessie server at http://127.0.0.1:" + closedPort
        + "/api/v2/trees/main")
        .hasMessageEndingWith("Fix: start the server (deploy/local/start --nessie starts one on this machine) or "
            + "correct uri in the catalog file");
  }

  @Test
  void aDefaultNamespaceIsReadOnItsOwnAndMustBeOneNamespace() throws IOException {
    Files.writeString(file(), "type=nessie\nuri=http://h:1\ntoken.env=UNSET\ndefault-namespace=raw\n");
    assertThat(CatalogConfigFile.defaultNamespace(file())).contains("raw");
    Files.writeString(file(), "type=embedded\nwarehouse=wh\n");
    assertThat(CatalogConfigFile.defaultNamespace(file())).isEmpty();

    assertThatThrownBy(() -> read("type=embedded\nwarehouse=wh\ndefault-namespace=raw.events\n", Map.of()))
        .hasMessage("TM-205 Invalid catalog file " + file()
        + ": default-namespace 'raw.events' is not a namespace made of "
            + "letters, digits and _. Fix: name one namespace, e.g. default-namespace=data");
    assertThatThrownBy(() -> CatalogConfigFile.defaultNamespace(file()))
        .hasMessage("TM-205 Invalid catalog file " + file()
        + ": default-namespace 'raw.events' is not a namespace made of "
            + "letters, digits and _. Fix: name one namespace, e.g. default-namespace=data");
  }

  private CatalogConfig read(String text, Map<String, String> environment) throws IOException {
    Files.writeString(file(), text);
    return CatalogConfigFile.read(file(), environment::get);
  }

  private Path file() {
    return folder.resolve("catalog.properties").toAbsolutePath().normalize();
  }
}
