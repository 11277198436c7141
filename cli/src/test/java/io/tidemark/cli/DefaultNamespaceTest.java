package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables a definition names without a namespace are read in the default namespace: {@code default}, else the catalog
 * file's {@code default-namespace}, else (for {@code run}) the project file's, else {@code --default-namespace}, the
 * strongest.
 */
class DefaultNamespaceTest {
  private static final String JOIN = """
      {"metaData": {"name": "dn.requests.v1", "outputNamespace": "dn_out"},
       "left": {"events": {"table": "requests", "query": {"selects": {"user_id": "user_id", "ts": "ts"}}}},
       "joinParts": [{"groupBy": {"metaData": {"name": "dn.spend.v1"},
         "sources": [{"events": {"table": "purchases", "query": {"selects": {"user_id": "user_id", "amount": "amount"}}}}],
         "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}}]}
      """;

  @TempDir
  static Path folder;
  private static Path join;

  @BeforeAll
  static void createTablesAndTheJoin() throws IOException {
    SharedSpark.catalog().spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.dn_cli");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.dn_cli.requests (user_id STRING, ts BIGINT, ds STRING) "
        + "USING iceberg PARTITIONED BY (ds)");
    SharedSpark.catalog().spark().sql("INSERT INTO lake.dn_cli.requests VALUES ('u1', 1698926400000, '2023-11-02')");
    SharedSpark.catalog().spark().sql("CREATE TABLE lake.dn_cli.purchases (user_id STRING, amount BIGINT, ts BIGINT, "
        + "ds STRING) USING iceberg PARTITIONED BY (ds)");
    join = folder.resolve("joins/dn/requests.v1");
    Files.createDirectories(join.getParent());
    Files.writeString(join, JOIN);
  }

  @Test
  void withoutASettingBareNamesAreReadInTheNamespaceDefault() {
    CommandRun validate = CommandRun.of("validate", join.toString());
    CommandRun plan = CommandRun.of("plan", "--conf", join.toString());

    assertThat(validate.exitCode()).as(validate.err()).isZero();
    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(plan.err()).contains(join + ": left.events.table: table default.requests does not exist in the "
        + SharedSpark.catalog().config().describe() + ". Fix: load it with: tidemark import --table default.requests "
        + "--file <csv|jsonl|parquet file>, or correct the name\n");
  }

  @Test
  void theOptionNamesTheNamespaceOfBareNames() {
    CommandRun plan = CommandRun.of("plan", "--conf", join.toString(), "--default-namespace", "dn_cli", "--format",
        "json");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("\"days_from\":\"partitions of dn_cli.requests\"")
        .contains("\"missing_days\":[\"2023-11-02\"]");
  }

  @Test
  void theCatalogFileNamesItAndTheOptionWinsOverTheFile() throws IOException {
    Path catalog = Files.writeString(folder.resolve("catalog.properties"),
        "type=embedded\nwarehouse=wh\ndefault-namespace=dn_cli\n");
    Path elsewhere = Files.writeString(folder.resolve("elsewhere.properties"),
        "type=embedded\nwarehouse=wh\ndefault-namespace=nowhere\n");

    CommandRun byFile = CommandRun.of("plan", "--conf", join.toString(), "--catalog", catalog.toString(), "--format",
        "json");
    CommandRun byOption = CommandRun.of("plan", "--conf", join.toString(), "--catalog", elsewhere.toString(),
        "--default-namespace", "dn_cli", "--format", "json");
    CommandRun byFileAlone = CommandRun.of("--catalog", elsewhere.toString(), "plan", "--conf", join.toString());

    assertThat(byFile.exitCode()).as(byFile.err()).isZero();
    assertThat(byFile.out()).contains("\"days_from\":\"partitions of dn_cli.requests\"");
    assertThat(byOption.exitCode()).as(byOption.err()).isZero();
    assertThat(byOption.out()).contains("\"days_from\":\"partitions of dn_cli.requests\"");
    assertThat(byFileAlone.exitCode()).isEqualTo(2);
    assertThat(byFileAlone.err()).contains(": left.events.table: table nowhere.requests does not exist");
  }

  @Test
  void aDefaultNamespaceThatIsNotOneNamespaceIsRefused() throws IOException {
    Path catalog = Files.writeString(folder.resolve("dotted.properties"),
        "type=embedded\nwarehouse=wh\ndefault-namespace=a.b\n");

    CommandRun option = CommandRun.of("validate", "--default-namespace", "a-b", join.toString());
    CommandRun file = CommandRun.of("--catalog", catalog.toString(), "validate", join.toString());

    assertThat(option.exitCode()).isEqualTo(2);
    assertThat(option.err()).isEqualTo("TM-201 Invalid --default-namespace \"a-b\": it is not a namespace made of letters, "
        + "digits and _. Fix: name one namespace, e.g. --default-namespace data\n");
    assertThat(file.exitCode()).isEqualTo(2);
    assertThat(file.err()).isEqualTo("TM-205 Invalid catalog file " + catalog.toAbsolutePath().normalize()
        + ": default-namespace 'a.b' is not a namespace made of letters, digits and _. Fix: name one namespace, e.g. "
        + "default-namespace=data\n");
  }

  @Test
  void theProjectFileNamesItForItsDefinitionsAboveTheCatalogFileAndBelowTheOption() throws IOException {
    Path project = Files.createDirectories(folder.resolve("project"));
    Path definition = project.resolve("production/joins/dn/requests.v1");
    Files.createDirectories(definition.getParent());
    Files.writeString(definition, JOIN);
    Files.writeString(project.resolve("elsewhere.properties"),
        "type=embedded\nwarehouse=wh\ndefault-namespace=nowhere\n");
    Path overCatalog = Files.writeString(project.resolve("over-catalog.yaml"),
        "definitions: production\ncatalog: elsewhere.properties\ndefault-namespace: dn_cli\n");
    Path wrong = Files.writeString(project.resolve("wrong.yaml"),
        "definitions: production\ndefault-namespace: nowhere\n");

    CommandRun byProject = CommandRun.of("run", "--project", overCatalog.toString(), "--select", "dn.requests.v1",
        "--ds", "2023-11-02", "--dry-run");
    CommandRun byOption = CommandRun.of("run", "--project", wrong.toString(), "--select", "dn.requests.v1", "--ds",
        "2023-11-02", "--dry-run", "--default-namespace", "dn_cli");
    CommandRun byProjectAlone = CommandRun.of("run", "--project", wrong.toString(), "--select", "dn.requests.v1",
        "--ds", "2023-11-02", "--dry-run");

    // Found in dn_cli: the readiness check names dn_cli.purchases, which has no rows yet (exit 3).
    String notReady = "TM-601 Inputs not ready for 2023-11-02:\n  dn_cli.purchases has no partition on or after 2023-11-02 "
        + "(it has none) (needed by dn.requests.v1)\nFix: run again once the data has landed, or pass "
        + "--wait-for-inputs DURATION to wait for it\n";
    assertThat(byProject.exitCode()).isEqualTo(3);
    assertThat(byProject.err()).isEqualTo(notReady);
    assertThat(byOption.exitCode()).isEqualTo(3);
    assertThat(byOption.err()).isEqualTo(notReady);
    assertThat(byProjectAlone.exitCode()).isEqualTo(3);
    assertThat(byProjectAlone.err()).startsWith("TM-601 Inputs not ready for 2023-11-02:\n  nowhere.requests does not "
        + "exist (needed by dn.requests.v1)\n");
  }

  @Test
  void aProjectDefaultNamespaceThatIsNotOneNamespaceIsRefused() throws IOException {
    Path project = Files.createDirectories(folder.resolve("dotted-project"));
    Files.createDirectories(project.resolve("production"));
    Path file = Files.writeString(project.resolve("tidemark.yaml"),
        "definitions: production\ndefault-namespace: a.b\n");

    CommandRun run = CommandRun.of("run", "--project", file.toString(), "--select", "dn.requests.v1", "--ds",
        "2023-11-02", "--dry-run");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("Invalid definition:\n  TM-106 " + file + ": default-namespace: 'a.b' is not a "
        + "namespace made of letters, digits and _. Fix: name one namespace, e.g. default-namespace: data\n");
  }
}
