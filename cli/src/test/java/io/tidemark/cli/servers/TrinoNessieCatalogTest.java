package io.tidemark.cli.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.CatalogConfigFile;
import io.tidemark.catalog.CatalogTags;
import io.tidemark.cli.reliability.TidemarkProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/local/start --nessie}: Tidemark (the real command, in processes of its own) writes the quickstart
 * through Nessie's Iceberg REST endpoint into the S3 emulator, and Trino reads it, its labeled views and a Nessie tag
 * as Spark does, also after {@code maintain} ran on main; later tests change the join's table on main, and read a
 * table of Iceberg format version 3 (see {@link FormatV3Accounts}) and a Nessie tag of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrinoNessieCatalogTest {
  private static final String JOIN = "quickstart.quickstart_training_set_v1";

  @TempDir
  static Path scratch;

  private static LocalServers servers;
  private static Map<String, Long> checkoutsPerDay;
  private static final List<String> printed = new ArrayList<>();

  @BeforeAll
  static void startNessieAndRunTheQuickstart() throws IOException {
    servers = LocalServers.start(LocalServers.Mode.NESSIE, scratch.resolve("run"), null);
    checkoutsPerDay = QuickstartCheckouts.perDay(Files.createDirectories(scratch.resolve("expected")));
    tidemark("quickstart", "--workdir", scratch.resolve("quickstart").toString());
  }

  @AfterAll
  static void stopServers() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  @Order(1)
  void trinoReadsTheQuickstartThroughNessieAsSparkDoes() throws SQLException {
    List<String> trino = servers.rows("SELECT * FROM " + JOIN);

    assertThat(trino).hasSize((int) QuickstartCheckouts.total(checkoutsPerDay));
    assertThat(trino).isEqualTo(spark("SELECT * FROM " + JOIN));
  }

  @Test
  @Order(2)
  void labeledViewsThroughNessieReadTheSameFromTrinoAndSpark() throws SQLException {
    tidemark("label", "--conf", join().toString(), "--label-ds", "2023-11-30");

    for (String view : List.of(JOIN + "_labeled", JOIN + "_labeled_latest")) {
      List<String> trino = servers.rows("SELECT * FROM " + view);
      assertThat(trino).as(view).hasSize((int) QuickstartCheckouts.total(checkoutsPerDay));
      assertThat(trino).as(view).isEqualTo(spark("SELECT * FROM " + view));
      assertThat(servers.longs("SELECT count(*) FROM " + view + " WHERE label_ds = '2023-11-30'"))
          .containsExactly(checkoutsPerDay.get("2023-11-24"));
    }
  }

  @Test
  @Order(3)
  void aNessieTagReadsTheSameFromTrinoAndSparkAfterMainChanged() throws Exception {
    tidemark("audit", "tag", "--conf", join().toString(), "--name", "model-v3");
    assertThat(nessie("/api/v2/trees/model-v3")).contains("\"type\" : \"TAG\"");
    tidemark("sql", "DELETE FROM " + JOIN + " WHERE ds = '2023-11-30'");
    String maintained = tidemark("maintain", "--conf", join().toString(), "--snapshot-age", "0s",
        "--min-snapshots", "1", "--orphan-older-than", "24h");
    assertThat(maintained).contains("snapshot expiry, orphan cleanup and archive purges are left to the garbage "
        + "collection of " + CatalogConfigFile.read(servers.catalogFile()).describe()
        + ", which sees the versions its tags and commits still need");

    List<String> spark = EngineRows.fromJsonLines(tidemark("audit", "show", "--conf", join().toString(), "--as-of",
        "model-v3", "--format", "jsonl"));
    createCatalogOnTag("lake_model_v3", "model-v3");
    List<String> trino = servers.rows("SELECT * FROM lake_model_v3." + JOIN);

    long total = QuickstartCheckouts.total(checkoutsPerDay);
    assertThat(trino).hasSize((int) total);
    assertThat(trino).isEqualTo(spark);
    assertThat(servers.longs("SELECT count(*) FROM " + JOIN))
        .containsExactly(total - checkoutsPerDay.get("2023-11-30"));
  }

  @Test
  @Order(4)
  void aRestCatalogFileOnNessiesEndpointReadsWhatTrinoReads() throws IOException, SQLException {
    Path rest = Files.writeString(scratch.resolve("rest.properties"), "type=rest\n"
        + "uri=http://127.0.0.1:" + servers.nessiePort() + "/iceberg/main\n"
        + "warehouse=warehouse\n"
        + "s3.access-key-id=tidemark\n"
        + "s3.secret-access-key.file=" + servers.runDir().resolve("secrets/s3-secret-key") + "\n"
        + "s3.region=us-east-1\n");
    String count = "SELECT count(*) AS n FROM " + JOIN + "_labeled_latest";

    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), "--catalog", rest.toString(), "sql", count,
        "--format", "csv");
    printed.add(run.output());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().lines()).containsSubsequence("n", Long.toString(servers.longs(count).get(0)));
  }

  @Test
  @Order(5)
  void trinoReadsTheMergedTableAndItsViewThroughNessieWhichKeepsFormatVersion2()
      throws SQLException, IOException {
    try (RESTCatalog rest = restCatalog()) {
      rest.createNamespace(Namespace.of(FormatV3Accounts.NAMESPACE));
      tidemark("sql", FormatV3Accounts.create(FormatV3Accounts.TABLE));
      tidemark("sql", FormatV3Accounts.merge(FormatV3Accounts.TABLE));
      FormatV3Accounts.createView(rest, "lake");
    }

    // Nessie 0.99 writes the table metadata itself and keeps tables at format version 2 whatever the request asks
    // (the MERGE leaves position deletes there, not deletion vectors); Trino reads the rows and the view all the same.
    assertThat(servers.rows("SHOW CREATE TABLE " + FormatV3Accounts.TABLE)).singleElement().asString()
        .contains("format_version = 2");
    FormatV3Accounts.assertTrinoReadsTheMergedRows(servers);
  }

  @Test
  @Order(6)
  void aNessieTagOfTheMergedTableReadsAsTaggedAfterADelete() throws SQLException, IOException {
    try (CatalogTags tags = CatalogConfigFile.read(servers.catalogFile()).openCatalogTags().orElseThrow()) {
      tags.createOnCurrent("accounts-merged");
    }
    tidemark("sql", FormatV3Accounts.delete(FormatV3Accounts.TABLE));
    createCatalogOnTag("lake_accounts_merged", "accounts-merged");

    assertThat(servers.rows("SELECT * FROM lake_accounts_merged." + FormatV3Accounts.TABLE))
        .isEqualTo(FormatV3Accounts.ROWS_AFTER_MERGE);
    assertThat(servers.rows("SELECT * FROM " + FormatV3Accounts.TABLE))
        .isEqualTo(FormatV3Accounts.ROWS_AFTER_DELETE);
  }

  @Test
  @Order(7)
  void noOutputShowsTheS3Secret() throws IOException {
    String secret = Files.readString(servers.runDir().resolve("secrets/s3-secret-key")).strip();

    assertThat(secret).hasSizeGreaterThan(16);
    assertThat(printed).isNotEmpty().allSatisfy(output -> assertThat(output).doesNotContain(secret));
    assertThat(Files.readString(servers.catalogFile())).doesNotContain(secret);
    assertThat(Files.readString(servers.runDir().resolve("trino/etc/catalog/lake.properties")))
        .doesNotContain(secret);
  }

  private static Path join() {
    return scratch.resolve("quickstart/production/joins/quickstart/training_set.v1");
  }

  private static List<String> spark(String sql) {
    return EngineRows.fromJsonLines(tidemark("sql", sql, "--format", "jsonl"));
  }

  /** Runs {@code tidemark --catalog <Nessie's catalog file> args} in a process of its own; returns its output. */
  private static String tidemark(String... args) {
    List<String> command = new ArrayList<>(List.of("--catalog", servers.catalogFile().toString()));
    command.addAll(List.of(args));
    TidemarkProcess.Finished run = TidemarkProcess.run(Map.of(), command.toArray(String[]::new));
    printed.add(run.output());
    assertThat(run.exitCode()).as(run.output()).isZero();
    return run.output();
  }

  /** Adds a Trino catalog that reads every table of the catalog as the Nessie tag has it. */
  private static void createCatalogOnTag(String catalog, String tag) throws IOException, SQLException {
    servers.execute("CREATE CATALOG " + catalog + " USING iceberg WITH ("
        + "\"iceberg.catalog.type\" = 'rest', "
        + "\"iceberg.rest-catalog.uri\" = 'http://127.0.0.1:" + servers.nessiePort() + "/iceberg/" + tag + "', "
        + "\"iceberg.rest-catalog.warehouse\" = 'warehouse', "
        + "\"iceberg.rest-catalog.view-endpoints-enabled\" = 'true', "
        + "\"fs.s3.enabled\" = 'true', "
        + "\"s3.endpoint\" = '" + s3Endpoint() + "', "
        + "\"s3.region\" = 'us-east-1', "
        + "\"s3.path-style-access\" = 'true', "
        + "\"s3.aws-access-key\" = 'tidemark', "
        + "\"s3.aws-secret-key\" = '${ENV:TIDEMARK_S3_SECRET_KEY}')");
  }

  /** Nessie's Iceberg REST endpoint on main, opened in this JVM (creating namespaces and views writes no files here). */
  private static RESTCatalog restCatalog() {
    RESTCatalog rest = new RESTCatalog();
    // Nessie 0.99 serves the view endpoints without listing them in its configuration, as Tidemark's catalog says.
    rest.initialize("lake", Map.of(CatalogProperties.URI, "http://127.0.0.1:" + servers.nessiePort() + "/iceberg/main",
        CatalogProperties.WAREHOUSE_LOCATION, "warehouse", RESTCatalogProperties.VIEW_ENDPOINTS_SUPPORTED, "true"));
    return rest;
  }

  private static String s3Endpoint() throws IOException {
    return Files.readAllLines(servers.runDir().resolve("trino/etc/catalog/lake.properties")).stream()
        .filter(line -> line.startsWith("s3.endpoint="))
        .map(line -> line.substring("s3.endpoint=".length()))
        .findFirst().orElseThrow();
  }

  private static String nessie(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers.nessiePort() + path)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
