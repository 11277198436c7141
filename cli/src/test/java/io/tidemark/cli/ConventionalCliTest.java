package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.ErrorCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/** Help, exit codes, messages and output formats of the command line, through the real command. */
class ConventionalCliTest {
  private static final String GROUP_BY = """
      {"metaData": {"name": "conv.spend.v1"},
       "sources": [{"events": {"table": "conv.purchases", "query": {"selects": {"user_id": "user_id",
                   "amount": "amount"}, "timeColumn": "ts"}}}],
       "keyColumns": ["user_id"], "aggregations": [{"inputColumn": "amount", "operation": "SUM"}]}
      """;
  private static final String JOIN = """
      {"metaData": {"name": "conv.requests.v1", "outputNamespace": "conv"},
       "left": {"events": {"table": "conv.requests", "query": {"selects": {"user_id": "user_id", "ts": "ts"},
                "timeColumn": "ts"}}},
       "joinParts": [{"groupBy": {"name": "conv.spend.v1"}}]}
      """;

  @TempDir
  Path folder;

  @Test
  void everyCommandAndSubcommandAnswersHelpWithExitZero() {
    List<List<String>> paths = new ArrayList<>();
    collect(TidemarkCommand.commandLine(new SharedCatalogOpener()), new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(20);

    for (List<String> path : paths) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("%s: %s", args, run.err()).isZero();
        assertThat(run.out()).as("%s", args).startsWith("Usage: tidemark" + (path.isEmpty() ? "" : " "
            + String.join(" ", path))).contains("Exit codes:\n  0   done, or nothing to do\n")
            .contains("  3   inputs not ready").contains("  4   conflict with another run");
      }
    }
    CommandRun help = CommandRun.of("help", "backfill");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: tidemark backfill ");
  }

  @Test
  void aCommandListsOnlyTheOptionsItUses() {
    String validate = CommandRun.of("validate", "--help").out();
    String serve = CommandRun.of("serve", "--help").out();
    String backfill = CommandRun.of("backfill", "--help").out();

    assertThat(validate).doesNotContain("--warehouse").doesNotContain("--master").doesNotContain("--format");
    assertThat(serve).contains("--warehouse").doesNotContain("--master");
    assertThat(backfill).contains("--warehouse").contains("--master").contains("--recompute")
        .contains("--format").doesNotContain("--max-rows");
  }

  @Test
  void exitCodesFollowTheCategories() {
    assertThat(ExitCode.of(ErrorCategory.INVALID_DEFINITION)).isEqualTo(ExitCode.INVALID);
    assertThat(ExitCode.of(ErrorCategory.INVALID_ARGUMENT).code()).isEqualTo(2);
    assertThat(ExitCode.of(ErrorCategory.TABLE_STATE).code()).isEqualTo(2);
    assertThat(ExitCode.of(ErrorCategory.INVALID_DATA).code()).isEqualTo(1);
    assertThat(ExitCode.of(ErrorCategory.ENVIRONMENT).code()).isEqualTo(1);
    assertThat(ExitCode.of(ErrorCategory.INPUTS_NOT_READY).code()).isEqualTo(3);
    assertThat(ExitCode.of(ErrorCategory.CONFLICT).code()).isEqualTo(4);
  }

  @Test
  void validateOnAFolderValidatesEveryDefinitionInIt() throws IOException {
    Path groupBy = write(folder.resolve("production/group_bys/conv/spend.v1"), GROUP_BY);
    Path join = write(folder.resolve("production/joins/conv/requests.v1"), JOIN);
    write(folder.resolve("production/joins/conv/.requests.v1.swp"), "not json");

    CommandRun valid = CommandRun.of("validate", folder.resolve("production").toString());
    write(folder.resolve("production/joins/conv/broken.v1"), "{\"metaData\": {\"name\": \"conv.broken.v1\"}}");
    CommandRun invalid = CommandRun.of("validate", folder.resolve("production").toString());

    assertThat(valid.exitCode()).as(valid.err()).isZero();
    assertThat(valid.out()).isEqualTo("ok: " + groupBy + " (GroupBy conv.spend.v1, 1 column(s))\n"
        + "ok: " + join + " (join conv.requests.v1 -> conv.conv_requests_v1, 1 feature column(s))\n");
    assertThat(invalid.exitCode()).isEqualTo(2);
    assertThat(invalid.out()).contains("ok: " + join);
    assertThat(invalid.err()).contains("broken.v1");
  }

  @Test
  void aCommandGivenTheWrongKindOfDefinitionNamesBoth() throws IOException {
    Path groupBy = write(folder.resolve("production/group_bys/conv/spend.v1"), GROUP_BY);

    CommandRun label = CommandRun.of("label", "--conf", groupBy.toString(), "--label-ds", "2023-11-30");
    CommandRun flatten = CommandRun.of("log-flatten", "--conf", groupBy.toString());

    assertThat(label.exitCode()).isEqualTo(2);
    assertThat(label.err()).isEqualTo("Invalid definition:\n  TM-106 " + groupBy + ": this is a GroupBy; `label` takes a "
        + "join. Fix: pass a join (a file under joins/)\n");
    assertThat(flatten.err()).isEqualTo("Invalid definition:\n  TM-106 " + groupBy + ": this is a GroupBy; `log-flatten` "
        + "takes a join. Fix: pass a join (a file under joins/)\n");
  }

  @Test
  void anImpossibleDateSaysSo() {
    CommandRun february = CommandRun.of("backfill", "--conf", "x", "--end-ds", "2023-02-29");
    CommandRun shape = CommandRun.of("backfill", "--conf", "x", "--end-ds", "20230228");

    assertThat(february.exitCode()).isEqualTo(2);
    assertThat(february.err()).isEqualTo("TM-201 Invalid day 2023-02-29: there is no such day (2023-02 has 28 days). Fix: "
        + "give a day of the calendar, e.g. --end-ds 2023-11-30\n");
    assertThat(shape.err()).isEqualTo("TM-201 Invalid day 20230228. Fix: write days as yyyy-MM-dd, e.g. --end-ds "
        + "2023-11-30\n");
  }

  @Test
  void sqlWritesDatesAndTimesInIso8601AndCsvQuotedByTheLibrary() {
    String query = "SELECT DATE'2023-08-28' AS d, TIMESTAMP'2023-08-28 10:15:30' AS t, 'a\\rb' AS cr, "
        + "'say \"hi\", twice' AS quoted, CAST(NULL AS STRING) AS nothing, map('k', DATE'2023-08-29') AS m";

    CommandRun jsonl = CommandRun.of("sql", query, "--format", "jsonl");
    CommandRun csv = CommandRun.of("sql", query, "--format", "csv");

    assertThat(jsonl.exitCode()).as(jsonl.err()).isZero();
    assertThat(jsonl.out()).isEqualTo("{\"d\":\"2023-08-28\",\"t\":\"2023-08-28T10:15:30Z\",\"cr\":\"a\\rb\","
        + "\"quoted\":\"say \\\"hi\\\", twice\",\"nothing\":null,\"m\":{\"k\":\"2023-08-29\"}}\n");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    assertThat(csv.out()).isEqualTo("d,t,cr,quoted,nothing,m\n"
        + "2023-08-28,2023-08-28T10:15:30Z,\"a\rb\",\"say \"\"hi\"\", twice\",,{k: 2023-08-29}\n");
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(path);
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (!(sub.getValue().getCommand() instanceof HelpCommand)) {
        List<String> subPath = new ArrayList<>(path);
        subPath.add(sub.getKey());
        collect(sub.getValue(), subPath, paths);
      }
    }
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
